package dev.dpiqa.review;

import java.util.Optional;

/** What a reviewer said of a photo: a MOS on 0-100, or accept or reject. Exactly one of the two. */
public record Judgement(Optional<Double> mos, Optional<String> verdict) {

    public static final String ACCEPT = "accept";
    public static final String REJECT = "reject";

    public Judgement {
        if (mos.isPresent() == verdict.isPresent()) {
            throw new IllegalArgumentException("give either a mos (0-100) or a verdict (accept or reject)");
        }
        mos.filter(m -> !(m >= 0 && m <= 100)).ifPresent(m -> {
            throw new IllegalArgumentException("mos must be within 0-100, got " + m);
        });
        verdict.filter(v -> !v.equals(ACCEPT) && !v.equals(REJECT)).ifPresent(v -> {
            throw new IllegalArgumentException("verdict must be accept or reject, got " + v);
        });
    }
}
