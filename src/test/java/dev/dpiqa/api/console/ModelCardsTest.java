package dev.dpiqa.api.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCardsTest {

    @Test
    void rendersTheCardWithoutRawHtmlScriptLinksOrRemoteImages() {
        String html = ModelCards.html("# Student\n\n| split | SRCC |\n|---|---|\n| test | 0.91 |\n\n"
                + "<img src=x onerror=alert(1)>\n\n[safe](https://example.org/paper) [bad](javascript:alert(1))\n\n"
                + "![loss curve](https://example.org/loss.png)\n");

        assertThat(html).contains("<h1>Student</h1>", "<td>0.91</td>", "href=\"https://example.org/paper\"",
                "[image: loss curve]", "&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).doesNotContain("<img", "javascript:");
    }
}
