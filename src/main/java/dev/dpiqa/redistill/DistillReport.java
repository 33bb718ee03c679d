package dev.dpiqa.redistill;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * What one run did, as the CLI prints it and the scheduler logs it.
 *
 * @param outcome   {@code promoted}, {@code rejected} (the gate said no: not an error) or {@code failed}
 * @param reasons   why it was rejected or failed
 * @param parent    the serving student it started from
 * @param candidate the version it trained (promoted or not)
 * @param skipped   images left out, with reasons
 * @param losses    mean training loss per epoch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DistillReport(String outcome, List<String> reasons, String parent, String candidate, Data data,
                            List<SamplePreparer.Skipped> skipped, double[] losses, HeldMetrics parentMetrics,
                            HeldMetrics candidateMetrics, PromotionGate.Decision gate, String modelDir,
                            double seconds) {

    public static final String PROMOTED = "promoted";
    public static final String REJECTED = "rejected";
    public static final String FAILED = "failed";

    /** How many images of each kind the run used. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Data(String source, int labelled, int trainingLabelled, int unlabelled, int held) {
    }

    public static DistillReport failed(String reason, double seconds) {
        return new DistillReport(FAILED, List.of(reason), null, null, null, null, null, null, null, null, null,
                seconds);
    }

    /** The same report with one more reason. */
    public DistillReport withReason(String reason) {
        List<String> more = new java.util.ArrayList<>(reasons);
        more.add(reason);
        return new DistillReport(outcome, List.copyOf(more), parent, candidate, data, skipped, losses, parentMetrics,
                candidateMetrics, gate, modelDir, seconds);
    }

    public boolean promoted() {
        return PROMOTED.equals(outcome);
    }
}
