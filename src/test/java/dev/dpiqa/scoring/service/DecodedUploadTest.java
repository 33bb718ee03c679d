package dev.dpiqa.scoring.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dpiqa.image.DecodeReduction;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.InputView;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.image.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A student that allows a reduced decode and a teacher that does not, reading the same upload. */
class DecodedUploadTest {

    private static final ModelViews STUDENT = new ModelViews(64, 64, List.of(InputView.WHOLE), new DecodeReduction(2));
    private static final ModelViews TEACHER = ModelViews.whole(96, 96);

    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());
    private final byte[] jpeg = TestImages.encode(TestImages.noise(800, 600, 5), "jpeg");

    @Test
    void eachModelReadsTheDecodeItsInputAllowsAndEachInputIsBuiltOnce() throws Exception {
        DecodedUpload upload = DecodedUpload.decode(jpeg, intake, STUDENT);
        assertThat(upload.first().scaleDenominator()).isEqualTo(4);

        float[] student = upload.chw(STUDENT);
        float[] teacher = upload.chw(TEACHER);

        assertThat(student).containsExactly(STUDENT.toChw(intake.decode(jpeg, STUDENT).image()));
        assertThat(teacher).containsExactly(TEACHER.toChw(intake.decode(jpeg).image()));
        assertThat(upload.chw(STUDENT)).isSameAs(student);
        assertThat(upload.chw(TEACHER)).isSameAs(teacher);
    }

    @Test
    void bytesThatCannotBeDecodedAreRefusedBeforeAnyModelAsks() {
        assertThatThrownBy(() -> DecodedUpload.decode(TestImages.firstPart(jpeg, 0.5), intake, STUDENT))
                .isInstanceOfSatisfying(ImageRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(ImageRejectedException.Reason.CORRUPT));
    }
}
