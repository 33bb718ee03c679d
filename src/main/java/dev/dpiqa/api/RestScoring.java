package dev.dpiqa.api;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.QualityMapRenderer;
import dev.dpiqa.scoring.QualityOverlay;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.QualityReport;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ModelUnavailableException;
import dev.dpiqa.serving.ScoringEngine;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** What the score endpoints share: reading the request's image, fetching by URL, scoring with metrics. */
@ApplicationScoped
public class RestScoring {

    private static final String PNG_DATA_URI = "data:image/png;base64,";

    private final ScoringEngine engine;
    private final SafeImageFetcher fetcher;
    private final QualityMapRenderer renderer;
    private final QualityOverlay overlay;
    private final ImageIntake intake;
    private final ScoringMetrics metrics;

    public RestScoring(ScoringEngine engine, SafeImageFetcher fetcher, ApiConfig config, QualityMapRenderer renderer,
                       QualityOverlay overlay, ImageIntake intake, ScoringMetrics metrics) {
        this.engine = engine;
        this.fetcher = fetcher.withFileUris(config.fileUris());
        this.renderer = renderer;
        this.overlay = overlay;
        this.intake = intake;
        this.metrics = metrics;
    }

    /**
     * The report of one image; a heatmap and the photo overlaid with it, when asked for, as {@code data:} URIs. The
     * overlay is drawn on a worker thread: at a photo's full size it would hold up the model's batches.
     */
    public CompletableFuture<QualityReport> score(byte[] bytes, ScoringMode mode, boolean withMap, boolean withOverlay)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        long start = System.nanoTime();
        try {
            DecodedImage photo = withOverlay ? intake.decode(bytes) : null;
            CompletableFuture<QualityScore> scored = engine.service().score(bytes, mode, withMap || withOverlay)
                    .thenApply(score -> {
                        metrics.scored(mode, score, Duration.ofNanos(System.nanoTime() - start));
                        return score;
                    });
            Function<QualityScore, QualityReport> report = score -> {
                QualityReport base = QualityReport.of(score);
                if (withMap) {
                    base = base.withQualityMap(pngUri(renderer.renderPng(score.qualityMap().orElseThrow())));
                }
                return withOverlay ? base.withQualityOverlay(pngUri(overlay.renderPng(photo.image(),
                        score.qualityMap().orElseThrow()))) : base;
            };
            return withOverlay ? scored.thenApplyAsync(report, Infrastructure.getDefaultWorkerPool())
                    : scored.thenApply(report);
        } catch (ImageRejectedException e) {
            metrics.rejected(e.reason().name());
            throw e;
        }
    }

    private static String pngUri(byte[] png) {
        return PNG_DATA_URI + Base64.getEncoder().encodeToString(png);
    }

    /** An image by URL, through the SSRF guard. */
    public byte[] fetch(String url) throws FetchException {
        try {
            return fetcher.fetch(url).bytes();
        } catch (FetchException e) {
            metrics.rejected(e.reason().name());
            throw e;
        }
    }

    /** Blank: the student. */
    public static ScoringMode mode(String text) {
        if (text == null || text.isBlank()) {
            return ScoringMode.STUDENT;
        }
        try {
            return ScoringMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /**
     * An upload Quarkus has already stored. Failing to read it back is this server's fault, unchecked so that it
     * reaches the internal-error mapper; a checked IOException here means the request stream failed
     * ({@link dev.dpiqa.api.problem.ProblemMappers}).
     */
    public static byte[] read(FileUpload image) {
        try {
            return Files.readAllBytes(image.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored upload " + image.uploadedFile(), e);
        }
    }

    /** A form field's value if sent, else the query parameter's. */
    public static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
