package dev.dpiqa.scoring.service;

import dev.dpiqa.api.TestPictures;
import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelInputResizer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResizingImageTensorTest {

    private final DecodedImage decoded;

    ResizingImageTensorTest() throws Exception {
        decoded = new ImageIntake(IntakeLimits.defaults()).decode(TestPictures.png(100, 70));
    }

    @Test
    void resizesToEachRequestedSizeAsTheResizerDoes() {
        ResizingImageTensor image = new ResizingImageTensor(decoded);

        float[] chw = image.chw(32, 48);

        assertThat(chw).containsExactly(new ModelInputResizer(32, 48).toChw(decoded.image()));
        assertThat(image.chw(16, 16)).hasSize(3 * 16 * 16);
        for (float v : chw) {
            assertThat(v).isBetween(-1e-5f, 1 + 1e-5f); // float rounding of the resampling weights
        }
    }

    @Test
    void resizesOncePerSize() {
        ResizingImageTensor image = new ResizingImageTensor(decoded);

        float[] student = image.chw(32, 48);
        float[] teacher = image.chw(48, 32);

        // A second resize would build a new array; the same one back means the first result was reused.
        assertThat(image.chw(32, 48)).isSameAs(student);
        assertThat(image.chw(48, 32)).isSameAs(teacher).isNotSameAs(student);
    }
}
