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
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Scores an uploaded image or one fetched by URL. Blocking: decoding is CPU work that must stay off the event loop. */
@Path("/v1/score")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {

    // OpenAPI describes the three bodies as one operation, so each method carries the description of all three.
    private static final String SUMMARY = "Score one image";
    private static final String DESCRIPTION = "The image as one multipart part named image (mode and map as form"
            + " fields or query parameters), as the whole body (image/* or application/octet-stream, as curl"
            + " --data-binary sends it; the type is told from the bytes), or fetched from an http(s) URL given as"
            + " JSON {\"url\": ...} through the SSRF guard. mode: student (default), teacher or cascade; map=true adds"
            + " a quality heatmap PNG, as a data: URI in quality_map.";
    private static final String PNG_DATA_URI = "data:image/png;base64,";

    private final ScoringEngine engine;
    private final SafeImageFetcher fetcher;
    private final QualityMapRenderer renderer;
    private final ScoringMetrics metrics;

    public ScoreResource(ScoringEngine engine, SafeImageFetcher fetcher, ApiConfig config,
                         QualityMapRenderer renderer, ScoringMetrics metrics) {
        this.engine = engine;
        this.fetcher = fetcher.withFileUris(config.fileUris());
        this.renderer = renderer;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<QualityReport> upload(@RestForm("image") FileUpload image, @RestForm("mode") String formMode,
                                     @RestForm("map") Boolean formMap, @RestQuery String mode, @RestQuery Boolean map,
                                     @Schema(hidden = true) @RestForm(FileUpload.ALL) List<FileUpload> parts)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        if (image == null) {
            throw new BadRequestException("multipart field 'image' is missing");
        }
        long images = parts.stream().filter(part -> part.name().equals("image")).count();
        if (images > 1) {
            // Scoring only one of them would answer for a photo the client cannot tell apart from the others.
            throw new BadRequestException("multipart field 'image' was sent " + images + " times; send one image per"
                    + " request");
        }
        return score(read(image), first(formMode, mode), first(formMap, map));
    }

    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<QualityReport> raw(byte[] image, @RestQuery String mode, @RestQuery Boolean map)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        return score(image, mode, map);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<QualityReport> byUrl(ScoreUrlRequest request, @RestQuery String mode, @RestQuery Boolean map)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException, FetchException {
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new BadRequestException("JSON body needs a \"url\"");
        }
        byte[] bytes;
        try {
            bytes = fetcher.fetch(request.url()).bytes();
        } catch (FetchException e) {
            metrics.rejected(e.reason().name());
            throw e;
        }
        return score(bytes, first(request.mode(), mode), first(request.map(), map));
    }

    private Uni<QualityReport> score(byte[] bytes, String modeText, Boolean withMap)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        ScoringMode mode = parseMode(modeText);
        boolean map = Boolean.TRUE.equals(withMap);
        long start = System.nanoTime();
        try {
            return Uni.createFrom().completionStage(engine.service().score(bytes, mode, map)).map(score -> {
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

    /**
     * The upload Quarkus has already stored. Failing to read it back is this server's fault, unchecked so that it
     * reaches the internal-error mapper; a checked IOException here means the request stream failed
     * ({@link dev.dpiqa.api.problem.ProblemMappers}).
     */
    private static byte[] read(FileUpload image) {
        try {
            return Files.readAllBytes(image.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored upload " + image.uploadedFile(), e);
        }
    }

    private static ScoringMode parseMode(String text) {
        if (text == null || text.isBlank()) {
            return ScoringMode.STUDENT;
        }
        try {
            return ScoringMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static <T> T first(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
