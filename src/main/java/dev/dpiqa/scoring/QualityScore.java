package dev.dpiqa.scoring;

import dev.dpiqa.model.ModelId;
import java.time.Duration;
import java.util.Optional;

/**
 * The quality of one image.
 *
 * @param mos        score on the MOS scale, 0–100 (model score × the manifest's {@code mos_scale})
 * @param verdict    from the {@link VerdictPolicy}
 * @param stage      which model decided
 * @param model      name and version of the model that produced {@code mos}
 * @param qualityMap present when the caller asked for it
 * @param latency    from the request to this result, including waiting for a batch
 */
public record QualityScore(double mos, Verdict verdict, Stage stage, ModelId model, Optional<QualityMap> qualityMap,
                           Duration latency) {

    public QualityScore withStage(Stage newStage) {
        return new QualityScore(mos, verdict, newStage, model, qualityMap, latency);
    }

    public QualityScore withLatency(Duration newLatency) {
        return new QualityScore(mos, verdict, stage, model, qualityMap, newLatency);
    }
}
