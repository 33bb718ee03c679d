package dev.dpiqa.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.api.RestScoring;
import dev.dpiqa.api.ScoreUrlRequest;
import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.QualityReport;
import dev.dpiqa.serving.ModelUnavailableException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.Base64;

/**
 * The console's "score a photo": a dropped file, or a URL the service fetches through the SSRF guard (never the
 * browser), answered with the report, the photo as the service re-encoded it and its quality map, so the page
 * loads no image from anywhere else.
 */
@Path("/console/api/score")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleScoreResource {

    /** @param photo and qualityMap as {@code data:} URIs, the map at the photo's aspect ratio */
    public record ScoredPhoto(QualityReport report, String photo, @JsonProperty("quality_map") String qualityMap,
                              int width, int height) {
    }

    private final PhotoRendering rendering;
    private final RestScoring scoring;

    public ConsoleScoreResource(PhotoRendering rendering, RestScoring scoring) {
        this.rendering = rendering;
        this.scoring = scoring;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ScoredPhoto upload(@RestForm("image") FileUpload image)
            throws ImageRejectedException, ModelUnavailableException, ModeUnavailableException {
        if (image == null) {
            throw new BadRequestException("multipart field 'image' is missing");
        }
        return score(RestScoring.read(image));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ScoredPhoto byUrl(ScoreUrlRequest request)
            throws FetchException, ImageRejectedException, ModelUnavailableException, ModeUnavailableException {
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new BadRequestException("JSON body needs a \"url\"");
        }
        return score(scoring.fetch(request.url()));
    }

    private ScoredPhoto score(byte[] bytes)
            throws ImageRejectedException, ModelUnavailableException, ModeUnavailableException {
        DecodedImage image = rendering.decode(bytes);
        QualityScore score = rendering.scoreWithMap(bytes);
        return new ScoredPhoto(QualityReport.of(score),
                "data:image/jpeg;base64," + base64(rendering.jpeg(image, PhotoRendering.PHOTO_SIDE)),
                "data:image/png;base64," + base64(rendering.mapPng(score, image)), image.width(), image.height());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
