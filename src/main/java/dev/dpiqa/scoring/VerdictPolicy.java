package dev.dpiqa.scoring;

/**
 * Verdict thresholds on the MOS scale (0–100) and the band around them: {@code mos < rejectBelow} rejects,
 * {@code mos >= acceptFrom} accepts, anything between goes to review; a MOS within {@code borderlineBand} points of
 * either threshold is borderline, where a small student error would flip the verdict. One instance decides for every
 * part that asks (the in-process cascade, the Kafka cascade, the review queue); the defaults and their reasons are
 * in {@code ScoringConfig}.
 */
public record VerdictPolicy(double rejectBelow, double acceptFrom, double borderlineBand) {

    public VerdictPolicy {
        if (!(0 <= rejectBelow && rejectBelow <= acceptFrom && acceptFrom <= 100)) {
            throw new IllegalArgumentException(
                    "need 0 <= rejectBelow <= acceptFrom <= 100, got " + rejectBelow + " and " + acceptFrom);
        }
        if (!(borderlineBand >= 0)) {
            throw new IllegalArgumentException("need borderlineBand >= 0, got " + borderlineBand);
        }
    }

    public Verdict verdictFor(double mos) {
        if (mos < rejectBelow) {
            return Verdict.REJECT;
        }
        return mos < acceptFrom ? Verdict.REVIEW : Verdict.ACCEPT;
    }

    /** Whether {@code mos} lies within {@code borderlineBand} MOS points (inclusive) of either threshold. */
    public boolean isBorderline(double mos) {
        return Math.abs(mos - rejectBelow) <= borderlineBand || Math.abs(mos - acceptFrom) <= borderlineBand;
    }
}
