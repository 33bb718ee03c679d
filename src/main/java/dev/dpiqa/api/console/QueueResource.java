package dev.dpiqa.api.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dpiqa.api.ratelimit.Unmetered;
import dev.dpiqa.pipeline.labels.ReviewFeed;
import dev.dpiqa.review.DecisionDesk;
import dev.dpiqa.review.DecisionRefusedException;
import dev.dpiqa.review.Judgement;
import dev.dpiqa.review.PhotoRef;
import dev.dpiqa.review.QueuePage;
import dev.dpiqa.review.QueueQuery;
import dev.dpiqa.review.ReviewDecision;
import dev.dpiqa.review.ReviewItem;
import dev.dpiqa.review.ReviewQueue;
import dev.dpiqa.review.UploadIndex;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.serving.ModelUnavailableException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The review queue of this instance: pages of items, each item's photo, thumbnail and quality map (served here,
 * never fetched by the browser from where the upload points), and a reviewer's decision on it.
 */
@Path("/console/api/queue")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private static final int DEFAULT_PAGE = 50;

    /** An item as the page lists it, with what the reviewer asking decided on it here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemView(String id, @JsonProperty("asset_id") String assetId, Instant time, double mos,
                           @JsonProperty("student_mos") Double studentMos, String verdict, String stage, String model,
                           @JsonProperty("latency_ms") double latencyMs, boolean photo, boolean labellable,
                           @JsonProperty("my_decision") ReviewDecision myDecision) {
    }

    /**
     * @param pipeline    false where this instance has no Kafka pipeline: no queue, no decisions
     * @param caughtUp    whether the queue holds all the window had when it started following the topic
     * @param feedFailure why the queue stopped following the topics, if it did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QueueView(List<ItemView> items, int total, int offset, int limit, List<String> models,
                            boolean pipeline, @JsonProperty("caught_up") boolean caughtUp,
                            @JsonProperty("feed_failure") String feedFailure, Thresholds thresholds) {
    }

    /** A decision as sent: {@code {"mos": 72}} or {@code {"verdict": "accept"}}. */
    public record DecisionRequest(Double mos, String verdict) {
    }

    /** @param published false when the same decision had been published already */
    public record DecisionView(ReviewDecision decision, boolean published) {
    }

    private final ReviewQueue queue;
    private final ReviewFeed feed;
    private final UploadIndex uploads;
    private final ReviewPhotos photos;
    private final DecisionDesk desk;
    private final VerdictPolicy policy;
    private final SecurityIdentity reviewer;

    public QueueResource(ReviewQueue queue, ReviewFeed feed, UploadIndex uploads, ReviewPhotos photos,
                         DecisionDesk desk, VerdictPolicy policy, SecurityIdentity reviewer) {
        this.reviewer = reviewer;
        this.queue = queue;
        this.feed = feed;
        this.uploads = uploads;
        this.photos = photos;
        this.desk = desk;
        this.policy = policy;
    }

    @GET
    @Unmetered
    public QueueView page(@RestQuery String verdict, @RestQuery String stage, @RestQuery String model,
                          @RestQuery String from, @RestQuery String to, @RestQuery Integer offset,
                          @RestQuery Integer limit) {
        feed.start();
        QueueQuery query;
        try {
            query = new QueueQuery(blank(verdict), blank(stage), blank(model), instant(from), instant(to),
                    offset == null ? 0 : offset, limit == null ? DEFAULT_PAGE : limit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        QueuePage page = queue.page(query);
        String user = reviewer.getPrincipal().getName();
        return new QueueView(page.items().stream().map(item -> view(item, user)).toList(), page.total(),
                page.offset(), query.limit(), page.models(), feed.available(), feed.caughtUp(),
                feed.failure().orElse(null), Thresholds.of(policy));
    }

    @GET
    @Path("{id}")
    @Unmetered
    public ItemView item(@RestPath String id) {
        return view(find(id), reviewer.getPrincipal().getName());
    }

    /** The photo re-encoded by this service: {@code thumbnail} (160 px) or {@code photo} (1600 px). */
    @GET
    @Path("{id}/{size: thumbnail|photo}")
    @Produces("image/jpeg")
    @Blocking
    @Unmetered
    public Response photo(@RestPath String id, @RestPath String size) throws PhotoUnavailableException,
            ModelUnavailableException, ModeUnavailableException {
        return image(id, size.equals("thumbnail") ? ReviewPhotos.Rendering.THUMBNAIL : ReviewPhotos.Rendering.PHOTO,
                "image/jpeg");
    }

    /** Scores the photo again with the serving student, for its quality map (the event carries none). */
    @GET
    @Path("{id}/quality-map")
    @Produces("image/png")
    @Blocking
    public Response qualityMap(@RestPath String id) throws PhotoUnavailableException, ModelUnavailableException,
            ModeUnavailableException {
        return image(id, ReviewPhotos.Rendering.QUALITY_MAP, "image/png");
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    public DecisionView decide(@RestPath String id, DecisionRequest request)
            throws DecisionRefusedException, InterruptedException, ExecutionException, TimeoutException {
        Judgement judgement;
        try {
            judgement = new Judgement(Optional.ofNullable(request == null ? null : request.mos()),
                    blank(request == null ? null : request.verdict()));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        DecisionDesk.Outcome outcome = desk.decide(id, reviewer.getPrincipal().getName(), judgement);
        return new DecisionView(outcome.decision(), outcome.published());
    }

    private Response image(String id, ReviewPhotos.Rendering kind, String type) throws PhotoUnavailableException,
            ModelUnavailableException, ModeUnavailableException {
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setMaxAge(3600);
        return Response.ok(photos.render(find(id), kind), type).cacheControl(cache).build();
    }

    private ReviewItem find(String id) {
        return queue.get(id).orElseThrow(() -> new NotFoundException("no item " + id + " in this instance's queue"));
    }

    private ItemView view(ReviewItem item, String reviewer) {
        Optional<PhotoRef> ref = uploads.get(item.uploadKey());
        return new ItemView(item.id(), item.assetId(), item.time(), item.mos(), item.studentMos(), item.verdict(),
                item.stage(), item.modelName() + "/" + item.modelVersion(), item.latencyMs(),
                ref.map(r -> r.uri().isPresent() || r.inline().isPresent()).orElse(false),
                ref.flatMap(PhotoRef::uri).isPresent() && desk.canPublish(),
                desk.decisionOf(item.assetId(), reviewer).orElse(null));
    }

    private static Optional<String> blank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(String value) {
        try {
            return blank(value).map(Instant::parse);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("times are ISO-8601 instants, e.g. 2026-01-31T12:00:00Z: " + value);
        }
    }
}
