package dev.dpiqa.api;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.QualityReport;
import dev.dpiqa.serving.ModelUnavailableException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import static dev.dpiqa.api.RestScoring.first;

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
            + " a quality heatmap PNG, as a data: URI in quality_map; overlay=true the photo at its own size with the"
            + " heatmap laid over it and a legend, as a data: URI in quality_overlay.";

    private final RestScoring scoring;

    public ScoreResource(RestScoring scoring) {
        this.scoring = scoring;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<QualityReport> upload(@RestForm("image") FileUpload image, @RestForm("mode") String formMode,
                                     @RestForm("map") Boolean formMap, @RestForm("overlay") Boolean formOverlay,
                                     @RestQuery String mode, @RestQuery Boolean map, @RestQuery Boolean overlay,
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
        return score(RestScoring.read(image), first(formMode, mode), first(formMap, map),
                first(formOverlay, overlay));
    }

    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<QualityReport> raw(byte[] image, @RestQuery String mode, @RestQuery Boolean map,
                                  @RestQuery Boolean overlay)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        return score(image, mode, map, overlay);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<QualityReport> byUrl(ScoreUrlRequest request, @RestQuery String mode, @RestQuery Boolean map,
                                    @RestQuery Boolean overlay)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException, FetchException {
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new BadRequestException("JSON body needs a \"url\"");
        }
        return score(scoring.fetch(request.url()), first(request.mode(), mode), first(request.map(), map),
                first(request.overlay(), overlay));
    }

    private Uni<QualityReport> score(byte[] bytes, String mode, Boolean withMap, Boolean withOverlay)
            throws ImageRejectedException, ModeUnavailableException, ModelUnavailableException {
        return Uni.createFrom().completionStage(scoring.score(bytes, RestScoring.mode(mode),
                Boolean.TRUE.equals(withMap), Boolean.TRUE.equals(withOverlay)));
    }
}
