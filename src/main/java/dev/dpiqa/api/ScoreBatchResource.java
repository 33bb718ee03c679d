package dev.dpiqa.api;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.service.ItemResult;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.ScoringMode;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static dev.dpiqa.api.RestScoring.first;

/**
 * Scores several images in one request, in one go (the micro-batcher runs them through the model together). An
 * image that cannot be scored gets its reason in its place; the request fails only as a whole (bad mode, no models).
 */
@Path("/v1/score/batch")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ScoreBatchResource {

    /** Each image is held decoded while the batch runs; the body limit applies to the whole request besides. */
    static final int MAX_IMAGES = 16;
    private static final String SUMMARY = "Score several images";
    private static final String DESCRIPTION = "Up to 16 images as multipart parts named image (mode and map as form"
            + " fields or query parameters), or JSON {\"urls\": [...]} fetched through the SSRF guard. One result per"
            + " image, in order: the fields of POST /v1/score with input (the part's file name or the URL), or input"
            + " and error {reason, detail} for one that could not be scored.";

    /** An image of the request; reading it may fail, and that is this item's failure. */
    @FunctionalInterface
    private interface Source {
        byte[] bytes() throws FetchException;
    }

    private record Item(String input, Source source) {
    }

    private final RestScoring scoring;

    public ScoreBatchResource(RestScoring scoring) {
        this.scoring = scoring;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<ScoreBatchResponse> upload(@RestForm(FileUpload.ALL) List<FileUpload> parts,
                                          @RestForm("mode") String formMode, @RestForm("map") Boolean formMap,
                                          @RestQuery String mode, @RestQuery Boolean map)
            throws ModeUnavailableException, ModelUnavailableException {
        List<Item> items = parts.stream().filter(part -> part.name().equals("image"))
                .map(part -> new Item(part.fileName(), () -> RestScoring.read(part))).toList();
        return score(items, first(formMode, mode), first(formMap, map), "multipart parts named 'image'");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = SUMMARY, description = DESCRIPTION)
    public Uni<ScoreBatchResponse> byUrls(ScoreBatchRequest request, @RestQuery String mode, @RestQuery Boolean map)
            throws ModeUnavailableException, ModelUnavailableException {
        if (request == null || request.urls() == null) {
            throw new BadRequestException("JSON body needs \"urls\": [...]");
        }
        List<Item> items = request.urls().stream().map(url -> new Item(url, () -> scoring.fetch(url))).toList();
        return score(items, first(request.mode(), mode), first(request.map(), map), "urls");
    }

    private Uni<ScoreBatchResponse> score(List<Item> items, String modeText, Boolean withMap, String what)
            throws ModeUnavailableException, ModelUnavailableException {
        if (items.isEmpty() || items.size() > MAX_IMAGES) {
            throw new BadRequestException("send 1 to " + MAX_IMAGES + " images as " + what + ", not " + items.size());
        }
        ScoringMode mode = RestScoring.mode(modeText);
        boolean map = Boolean.TRUE.equals(withMap);
        List<CompletableFuture<ItemResult>> results = new ArrayList<>(items.size());
        for (Item item : items) { // all submitted before any is awaited, so the model sees them together
            results.add(score(item, mode, map));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> new ScoreBatchResponse(results.stream().map(CompletableFuture::join).toList())));
    }

    private CompletableFuture<ItemResult> score(Item item, ScoringMode mode, boolean map)
            throws ModeUnavailableException, ModelUnavailableException {
        try {
            return scoring.score(item.source().bytes(), mode, map, false)
                    .thenApply(report -> ItemResult.scored(item.input(), report))
                    .exceptionally(failure -> ItemResult.failed(item.input(), "SCORING_FAILED",
                            String.valueOf(failure instanceof CompletionException ? failure.getCause() : failure)));
        } catch (ImageRejectedException e) {
            return CompletableFuture.completedFuture(ItemResult.failed(item.input(), e.reason().name(), e.getMessage()));
        } catch (FetchException e) {
            return CompletableFuture.completedFuture(ItemResult.failed(item.input(), e.reasonLabel(), e.getMessage()));
        }
    }
}
