package dev.dpiqa.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageTensorTest {

    @Test
    void aFixedTensorServesOnlyItsOwnSize() {
        float[] chw = new float[3 * 2 * 4];
        ImageTensor image = ImageTensor.fixed(2, 4, chw);

        assertThat(image.chw(2, 4)).isSameAs(chw);
        assertThatThrownBy(() -> image.chw(4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prepared at 2x4, the model takes 4x2");
        assertThatThrownBy(() -> ImageTensor.fixed(2, 2, chw)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24 floats");
    }
}
