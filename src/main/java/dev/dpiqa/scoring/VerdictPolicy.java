package dev.dpiqa.scoring;

/**
 * Verdict thresholds on the MOS scale (0–100): {@code mos < rejectBelow} rejects, {@code mos >= acceptFrom}
 * accepts, anything between goes to review.
 *
 * <p>Defaults 40 / 60 follow the five-point ACR scale that MOS datasets (KonIQ-10k, LIVE-C) are rated on, mapped
 * to 0–100 in 20-point bands: bad [0,20), poor [20,40), fair [40,60), good [60,80), excellent [80,100]. Below
 * "fair" is rejected, "good" or better accepted, and the ambiguous "fair" band, where raters disagree most, goes
 * to a human.
 */
public record VerdictPolicy(double rejectBelow, double acceptFrom) {

    public static final VerdictPolicy DEFAULT = new VerdictPolicy(40.0, 60.0);

    public VerdictPolicy {
        if (!(0 <= rejectBelow && rejectBelow <= acceptFrom && acceptFrom <= 100)) {
            throw new IllegalArgumentException(
                    "need 0 <= rejectBelow <= acceptFrom <= 100, got " + rejectBelow + " and " + acceptFrom);
        }
    }

    public Verdict verdictFor(double mos) {
        if (mos < rejectBelow) {
            return Verdict.REJECT;
        }
        return mos < acceptFrom ? Verdict.REVIEW : Verdict.ACCEPT;
    }

    /** Whether {@code mos} lies within {@code band} MOS points (inclusive) of either threshold. */
    public boolean isBorderline(double mos, double band) {
        return Math.abs(mos - rejectBelow) <= band || Math.abs(mos - acceptFrom) <= band;
    }
}
