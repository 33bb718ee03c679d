package dev.dpiqa.scoring.service;

import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.ImageTensor;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.QualityScorer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Bytes in, quality out: the one path REST, CLI and the pipeline share. Decodes untrusted bytes, no larger than the
 * first model's manifest allows, and hands the image to the scorer of the requested mode; each model it reaches
 * resizes it to the input its manifest declares.
 * Decoding and the first model's resize run on the caller's thread (call it off event loops); inference completes
 * the returned future.
 */
public final class ImageScoringService {

    private final ImageIntake intake;
    private final Map<ScoringMode, QualityScorer> scorers;

    public ImageScoringService(ImageIntake intake, Map<ScoringMode, QualityScorer> scorers) {
        this.intake = intake;
        this.scorers = new EnumMap<>(scorers);
    }

    /**
     * @throws ImageRejectedException  the bytes are no image we score (the future never fails with it)
     * @throws ModeUnavailableException the mode's model is not deployed here
     */
    public CompletableFuture<QualityScore> score(byte[] bytes, ScoringMode mode, boolean withQualityMap)
            throws ImageRejectedException, ModeUnavailableException {
        return scorer(mode).score(decode(bytes, mode), withQualityMap);
    }

    /**
     * Decodes for the scorer of {@code mode}: as small as the input of its first model allows; each model resizes
     * it to its own input.
     */
    public ImageTensor decode(byte[] bytes, ScoringMode mode) throws ImageRejectedException, ModeUnavailableException {
        return DecodedUpload.decode(bytes, intake, scorer(mode).input());
    }

    public QualityScorer scorer(ScoringMode mode) throws ModeUnavailableException {
        QualityScorer scorer = scorers.get(mode);
        if (scorer == null) {
            throw new ModeUnavailableException(mode, "mode " + mode + " needs a model this deployment does not serve");
        }
        return scorer;
    }
}
