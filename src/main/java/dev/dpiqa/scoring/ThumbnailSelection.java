package dev.dpiqa.scoring;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of ranking thumbnail candidates.
 *
 * @param ranking  scored candidates, best first; equal scores keep the candidates' input order
 * @param failures candidates that could not be prepared or scored, with the reason, in input order
 */
public record ThumbnailSelection(List<Ranked> ranking, List<Failure> failures) {

    /** @param index position in the candidate list */
    public record Ranked(String id, int index, QualityScore score) {
    }

    public record Failure(String id, int index, String reason) {
    }

    /** Empty only when every candidate failed. */
    public Optional<Ranked> best() {
        return ranking.stream().findFirst();
    }
}
