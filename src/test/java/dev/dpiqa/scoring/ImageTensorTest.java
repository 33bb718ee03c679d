package dev.dpiqa.scoring;

import java.util.List;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.image.InputView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTensorTest {

    @Test
    void aFixedTensorServesOnlyItsOwnInput() {
        float[] chw = new float[3 * 2 * 4];
        ImageTensor image = ImageTensor.fixed(ModelViews.whole(2, 4), chw);

        assertThat(image.chw(ModelViews.whole(2, 4))).isSameAs(chw);
        assertThatThrownBy(() -> image.chw(ModelViews.whole(4, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("height=2, width=4").hasMessageContaining("height=4, width=2");
        assertThatThrownBy(() -> image.chw(new ModelViews(2, 4, List.of(InputView.NATIVE_CROP))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NATIVE_CROP");
        assertThatThrownBy(() -> ImageTensor.fixed(ModelViews.whole(2, 2), chw))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 floats");
    }
}
