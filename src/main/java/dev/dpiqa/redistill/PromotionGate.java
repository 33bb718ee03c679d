package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.List;

/**
 * Promote a candidate only if, on the held-out labels, it is not worse than the serving student by more than the
 * allowed drops in SRCC (ranking, what thumbnail picks and thresholds depend on) and PLCC.
 */
public final class PromotionGate {

    /** @param reasons why it was rejected; empty when it passes */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Decision(boolean promote, double srccDelta, double plccDelta, List<String> reasons) {
    }

    private final double maxSrccDrop;
    private final double maxPlccDrop;

    public PromotionGate(double maxSrccDrop, double maxPlccDrop) {
        this.maxSrccDrop = maxSrccDrop;
        this.maxPlccDrop = maxPlccDrop;
    }

    public Decision decide(HeldMetrics current, HeldMetrics candidate) {
        double srccDelta = candidate.srcc() - current.srcc();
        double plccDelta = candidate.plcc() - current.plcc();
        List<String> reasons = new ArrayList<>();
        // NaN (a constant prediction) fails both comparisons, so it is rejected, never promoted.
        if (!(srccDelta >= -maxSrccDrop)) {
            reasons.add(String.format("held-out SRCC %.4f is %.4f below the serving model's %.4f (allowed drop %.4f)",
                    candidate.srcc(), -srccDelta, current.srcc(), maxSrccDrop));
        }
        if (!(plccDelta >= -maxPlccDrop)) {
            reasons.add(String.format("held-out PLCC %.4f is %.4f below the serving model's %.4f (allowed drop %.4f)",
                    candidate.plcc(), -plccDelta, current.plcc(), maxPlccDrop));
        }
        return new Decision(reasons.isEmpty(), srccDelta, plccDelta, List.copyOf(reasons));
    }
}
