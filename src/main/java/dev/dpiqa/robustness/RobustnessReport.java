package dev.dpiqa.robustness;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How steadily the scores of a set of photos fall under each degradation.
 *
 * @param monotonicity the mean over kinds of each kind's {@link Kind#monotonicity}
 * @param kinds        per kind, in the order the degradations were given
 * @param images       per photo, in the order given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RobustnessReport(double monotonicity, Map<String, Kind> kinds, List<Image> images) {

    /**
     * @param parameter    what {@link Level#strength} measures
     * @param monotonicity the mean over photos of {@link Monotonicity#ofFall}: +1 = every photo's score falls at
     *                     every step
     * @param levels       level 0 (the photos unchanged) to the strongest
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Kind(String parameter, double monotonicity, List<Level> levels) {
    }

    /** @param strength absent at level 0 */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Level(int level, Double strength, double meanMos) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Image(String input, int width, int height, Map<String, ImageKind> kinds) {
    }

    /** @param mos level 0 to the strongest */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ImageKind(double monotonicity, double[] mos) {
    }

    /**
     * @param photos each photo's scores by its input label, every photo scored under every one of {@code degradations}
     */
    public static RobustnessReport of(List<Degradation> degradations, Map<String, PhotoScores> photos) {
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("no photos to report on");
        }
        List<Image> images = new ArrayList<>();
        photos.forEach((input, scores) -> {
            Map<String, ImageKind> kinds = new LinkedHashMap<>();
            scores.mosByKind().forEach((kind, mos) -> kinds.put(kind, new ImageKind(Monotonicity.ofFall(mos), mos)));
            images.add(new Image(input, scores.width(), scores.height(), kinds));
        });
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Degradation degradation : degradations) {
            List<ImageKind> perImage = images.stream().map(image -> image.kinds().get(degradation.kind())).toList();
            List<Level> levels = new ArrayList<>();
            for (int level = 0; level <= degradation.levels(); level++) {
                int at = level;
                levels.add(new Level(level, level == 0 ? null : degradation.strength(level),
                        mean(perImage.stream().mapToDouble(kind -> kind.mos()[at]).toArray())));
            }
            kinds.put(degradation.kind(), new Kind(degradation.parameter(),
                    mean(perImage.stream().mapToDouble(ImageKind::monotonicity).toArray()), levels));
        }
        return new RobustnessReport(mean(kinds.values().stream().mapToDouble(Kind::monotonicity).toArray()), kinds,
                images);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElseThrow();
    }
}
