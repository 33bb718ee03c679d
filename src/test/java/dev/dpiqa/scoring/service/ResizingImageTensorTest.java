package dev.dpiqa.scoring.service;

import dev.dpiqa.api.TestPictures;
import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.InputView;
import dev.dpiqa.image.ModelInputResizer;
import dev.dpiqa.image.ModelViews;
import java.util.List;
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

        float[] chw = image.chw(ModelViews.whole(32, 48));

        assertThat(chw).containsExactly(new ModelInputResizer(32, 48).toChw(decoded.image()));
        assertThat(image.chw(ModelViews.whole(16, 16))).hasSize(3 * 16 * 16);
        for (float v : chw) {
            assertThat(v).isBetween(-1e-5f, 1 + 1e-5f); // float rounding of the resampling weights
        }
    }

    @Test
    void preparesOncePerInput() {
        ResizingImageTensor image = new ResizingImageTensor(decoded);
        ModelViews twoViews = new ModelViews(32, 48, List.of(InputView.WHOLE, InputView.NATIVE_CROP));

        float[] student = image.chw(twoViews);
        float[] teacher = image.chw(ModelViews.whole(48, 32));

        // A second preparation would build a new array; the same one back means the first result was reused.
        assertThat(image.chw(new ModelViews(32, 48, List.of(InputView.WHOLE, InputView.NATIVE_CROP))))
                .isSameAs(student);
        assertThat(image.chw(ModelViews.whole(48, 32))).isSameAs(teacher).isNotSameAs(student);
        assertThat(student).hasSize(6 * 32 * 48);
    }
}
