package dev.dpiqa.scoring;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The photo with its quality map laid over it, translucent, at the photo's own size, and a legend in a corner: what
 * a reviewer reads without the console ({@code score --overlay}, REST {@code overlay=true}). The map is the
 * heatmap of {@link QualityMapRenderer}, stretched over the whole photo as the model saw it, relative to the photo
 * itself (the legend says so: dark is where this photo is worst, not a bad photo).
 */
public final class QualityOverlay {

    /** How much of the heatmap shows through: enough to read both the colours and the photo beneath. */
    static final double OPACITY = 0.5;
    private static final int BASE_SIDE = 400;

    private final QualityMapRenderer renderer;

    public QualityOverlay(QualityMapRenderer renderer) {
        this.renderer = renderer;
    }

    /** @param photo upright RGB pixels, as decoded for scoring */
    public byte[] renderPng(BufferedImage photo, QualityMap map) {
        int width = photo.getWidth();
        int height = photo.getHeight();
        BufferedImage heat = renderer.render(map, width, height);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, blend(photo.getRGB(x, y), heat.getRGB(x, y)));
            }
        }
        drawLegend(out);
        return QualityMapRenderer.png(out);
    }

    private static int blend(int photo, int heat) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double value = ((photo >> shift) & 0xff) * (1 - OPACITY) + ((heat >> shift) & 0xff) * OPACITY;
            rgb |= (int) Math.round(value) << shift;
        }
        return rgb;
    }

    /** A colour bar from worse to better on a dark box, scaled with the photo so it stays legible. */
    private void drawLegend(BufferedImage image) {
        double scale = Math.max(0.5, Math.min(image.getWidth(), image.getHeight()) / (double) BASE_SIDE);
        int pad = (int) Math.round(6 * scale);
        int barWidth = (int) Math.round(140 * scale);
        int barHeight = Math.max(3, (int) Math.round(10 * scale));
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, (int) Math.round(12 * scale))));
            FontMetrics text = g.getFontMetrics();
            String title = "quality map (within this photo)";
            int boxWidth = Math.max(barWidth + text.stringWidth("worse ") + text.stringWidth(" better"),
                    text.stringWidth(title)) + 2 * pad;
            int boxHeight = text.getHeight() * 2 + 3 * pad;
            int left = pad;
            int top = image.getHeight() - boxHeight - pad;
            g.setColor(new Color(0, 0, 0, 170));
            g.fillRect(left, top, boxWidth, boxHeight);
            g.setColor(Color.WHITE);
            int baseline = top + pad + text.getAscent();
            g.drawString(title, left + pad, baseline);
            int barTop = baseline + pad + (text.getHeight() - barHeight) / 2;
            int worse = text.stringWidth("worse ");
            g.drawString("worse", left + pad, barTop + barHeight / 2 + text.getAscent() / 2 - 1);
            int barLeft = left + pad + worse;
            for (int x = 0; x < barWidth; x++) {
                g.setColor(new Color(renderer.colorMap().rgb(x / (double) (barWidth - 1))));
                g.fillRect(barLeft + x, barTop, 1, barHeight);
            }
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(barLeft, barTop, barWidth - 1, barHeight - 1);
            g.drawString("better", barLeft + barWidth + text.stringWidth(" "),
                    barTop + barHeight / 2 + text.getAscent() / 2 - 1);
        } finally {
            g.dispose();
        }
    }
}
