package dev.dpiqa.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictPolicyTest {

    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    @ParameterizedTest(name = "MOS {0} -> {1}")
    @CsvSource({"0, REJECT", "39.999, REJECT", "40, REVIEW", "59.999, REVIEW", "60, ACCEPT", "100, ACCEPT"})
    void thresholdsBelongToTheHigherVerdict(double mos, Verdict expected) {
        assertThat(POLICY.verdictFor(mos)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "MOS {0} within 5 of a threshold: {1}")
    @CsvSource({"34.9, false", "35, true", "45, true", "45.1, false", "50, false", "55, true", "65, true", "65.1, false"})
    void borderlineIsWithinTheBandOfEitherThreshold(double mos, boolean borderline) {
        assertThat(POLICY.isBorderline(mos)).isEqualTo(borderline);
    }

    @Test
    void equalThresholdsLeaveNoReviewBand() {
        VerdictPolicy binary = new VerdictPolicy(50, 50, 0);

        assertThat(binary.verdictFor(49.99)).isEqualTo(Verdict.REJECT);
        assertThat(binary.verdictFor(50)).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void refusesThresholdsOutOfOrderOrScaleAndANegativeBand() {
        assertThatThrownBy(() -> new VerdictPolicy(60, 40, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerdictPolicy(-1, 40, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerdictPolicy(40, 101, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerdictPolicy(40, 60, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
