package dev.dpiqa.api.console;

import dev.dpiqa.api.problem.Problem;
import dev.dpiqa.review.DecisionRefusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The console's own refusals as problem JSON, a reason the page can show. */
public class ConsoleProblems {

    @ServerExceptionMapper
    public Response photoUnavailable(PhotoUnavailableException e, UriInfo uri) {
        return Problem.of("photo-unavailable", "Photo unavailable", e.status(), e.getMessage(),
                uri.getPath(), e.reason()).toResponse().build();
    }

    @ServerExceptionMapper
    public Response decisionRefused(DecisionRefusedException e, UriInfo uri) {
        int status = switch (e.reason()) {
            case NOT_IN_QUEUE -> 404;
            case NO_IMAGE_URI -> 409;
            case NO_LABELS_TOPIC -> 503;
        };
        return Problem.of("decision-refused", "Decision not published", status, e.getMessage(), uri.getPath(),
                e.reason().name()).toResponse().build();
    }

    /** The broker did not take the label in time: nothing was recorded, the reviewer may try again. */
    @ServerExceptionMapper({TimeoutException.class, ExecutionException.class})
    public Response notPublished(Exception e, UriInfo uri) {
        return Problem.of("label-not-published", "Label not published", 503, "the labels topic did not acknowledge"
                + " the decision: " + e, uri.getPath(), "NOT_PUBLISHED").toResponse().header("Retry-After", 5).build();
    }
}
