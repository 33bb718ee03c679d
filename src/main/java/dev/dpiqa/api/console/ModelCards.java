package dev.dpiqa.api.console;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/**
 * A model card (Markdown) as HTML safe to put into the page: raw HTML in the card is escaped, link targets other
 * than http(s) and mailto are dropped, and images become their alt text, so a card can make the browser load
 * nothing from anywhere.
 */
final class ModelCards {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private ModelCards() {
    }

    static String html(String markdown) {
        Node document = PARSER.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                Text alt = new Text("[image: " + altText(image) + "]");
                image.insertBefore(alt);
                image.unlink();
            }
        });
        return RENDERER.render(document);
    }

    private static String altText(Image image) {
        StringBuilder text = new StringBuilder();
        for (Node child = image.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            }
        }
        return text.toString();
    }
}
