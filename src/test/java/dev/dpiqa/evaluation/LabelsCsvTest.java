package dev.dpiqa.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsCsvTest {

    @TempDir
    Path dir;

    @Test
    void readsTheNamedColumnsWhereverTheyStandWithQuotesAndABom() throws Exception {
        Path csv = write("\uFEFFstd,\"mos\",image\n3.0,42.5,a.jpg\n\n1.5,70,\"b, the second.jpg\"\n");

        assertThat(LabelsCsv.read(csv, "image", "mos")).containsExactly(
                new LabelsCsv.Label("a.jpg", 42.5), new LabelsCsv.Label("b, the second.jpg", 70));
    }

    @Test
    void acceptsSemicolonsAndTabsAsSpreadsheetsWriteThem() throws Exception {
        assertThat(LabelsCsv.read(write("image;mos\na.jpg;42,5\nb.jpg;70\n"), "image", "mos"))
                .containsExactly(new LabelsCsv.Label("a.jpg", 42.5), new LabelsCsv.Label("b.jpg", 70));
        assertThat(LabelsCsv.read(write("image\tmos\na.jpg\t42.5\n"), "image", "mos"))
                .containsExactly(new LabelsCsv.Label("a.jpg", 42.5));
    }

    @Test
    void refusesWhatCannotBeUsedAndSaysWhere() throws Exception {
        assertRefused(dir.resolve("missing.csv"), "no such labels file: " + dir.resolve("missing.csv"));
        assertRefused(write("\n \n"), "is empty");
        assertRefused(write("file|score\na.jpg|50\n"), "has no columns 'image' and 'mos' in its header row: file|score");
        assertRefused(write("image,mos\na.jpg,50\nb.jpg,n/a\n"), "line 3: MOS 'n/a' is not a number");
        assertRefused(write("image,mos\na.jpg,50\nb.jpg\n"), "line 3 has 1 fields");
        assertRefused(write("image,mos\na.jpg,101\n"), "line 2: MOS 101 is outside dpiqa's 0-100 scale");
        assertRefused(write("image,mos\na.jpg,\"5\n"), "not a well-formed CSV file");
    }

    @Test
    void refusesRatingsOnAOneToFiveScale() throws Exception {
        assertRefused(write("image,mos\na.jpg,1.5\nb.jpg,4.8\nc.jpg,3\n"),
                "every MOS is at most 4.8, which looks like a 1-5 rating scale; dpiqa's MOS is 0-100");
        assertThat(LabelsCsv.read(write("image,mos\na.jpg,1.5\nb.jpg,5.5\n"), "image", "mos")).hasSize(2);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "labels", ".csv"), text);
    }

    private static void assertRefused(Path csv, String message) {
        assertThatThrownBy(() -> LabelsCsv.read(csv, "image", "mos"))
                .isInstanceOf(LabelsCsv.InvalidLabelsException.class).hasMessageContaining(message);
    }
}
