package dev.dpiqa.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.scoring.VerdictPolicy;

/** The verdict thresholds in force, which the console's pages start from. */
public record Thresholds(@JsonProperty("reject_below") double rejectBelow,
                         @JsonProperty("accept_from") double acceptFrom) {

    static Thresholds of(VerdictPolicy policy) {
        return new Thresholds(policy.rejectBelow(), policy.acceptFrom());
    }
}
