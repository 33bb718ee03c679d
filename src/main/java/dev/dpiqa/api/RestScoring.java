package dev.dpiqa.api;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.QualityMapRenderer;
import dev.dpiqa.scoring.engine.ModelUnavailableException;
import dev.dpiqa.scoring.engine.ScoringEngine;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.QualityReport;
import dev.dpiqa.scoring.service.ScoringMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** What the score endpoints share: reading the request's image, fetching by URL, scoring with metrics. */
@ApplicationScoped
public class RestScoring {

    private static final String PNG_DATA_URI = "data:image/png;base64,";

    private final ScoringEngine engine;
    private final SafeImageFetcher fetcher;
    private final QualityMapRenderer renderer;
    private final ScoringMetrics metrics;

    public RestScoring(ScoringEngine engine, SafeImageFetcher fetcher, ApiConfig config, QualityMapRenderer renderer,
                       ScoringMetrics metrics) {
        this.engine = engine;
        this.fetcher = fetcher.withFileUris(config.fileUris());
        this.renderer = renderer;
        this.metrics = metrics;
    }

    /** The report of one image; a heatmap, when asked for, as a {@code data:} URI. */
    public CompletableFuture<QualityReport> score(byte[] bytes, ScoringMode mode, boolean withMap)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        long start = System.nanoTime();
        try {
            return engine.service().score(bytes, mode, withMap).thenApply(score -> {
                metrics.scored(mode, score, Duration.ofNanos(System.nanoTime() - start));
                QualityReport report = QualityReport.of(score);
                return score.qualityMap().map(qmap -> report.withQualityMap(PNG_DATA_URI
                        + Base64.getEncoder().encodeToString(renderer.renderPng(qmap)))).orElse(report);
            });
        } catch (ImageRejectedException e) {
            metrics.rejected(e.reason().name());
            throw e;
        }
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
