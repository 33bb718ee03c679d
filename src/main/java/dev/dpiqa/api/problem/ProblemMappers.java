package dev.dpiqa.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.dpiqa.api.security.ApiKeyFailures;
import dev.dpiqa.api.security.ApiKeyThrottledException;
import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.serving.ModelUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.concurrent.RejectedExecutionException;

/** Every error the API returns, as RFC 9457 problem JSON. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String CHALLENGE = "Bearer realm=\"dpiqa\"";
    /** What {@code POST /v1/score} takes, for a client that sent something else. */
    private static final String ACCEPTED_BODIES = "multipart/form-data with one 'image' part, application/json"
            + " {\"url\": ...}, or the image itself as image/* or application/octet-stream";

    @ServerExceptionMapper
    public Response imageRejected(ImageRejectedException e, UriInfo uri) {
        int status = switch (e.reason()) {
            case EMPTY -> 400;
            case UNSUPPORTED_TYPE -> 415;
            case CORRUPT -> 422;
            case TOO_MANY_BYTES, TOO_MANY_PIXELS -> 413;
        };
        return Problem.of("image-rejected", "Image rejected", status, e.getMessage(), path(uri), e.reason().name())
                .toResponse().build();
    }

    @ServerExceptionMapper
    public Response fetchFailed(FetchException e, UriInfo uri) {
        int status = switch (e.reason()) {
            case BAD_URI -> 400;
            case FORBIDDEN_ADDRESS, TOO_MANY_REDIRECTS, NOT_FOUND -> 422;
            case TOO_LARGE -> 413;
            case UNREACHABLE, HTTP_STATUS -> 502;
            case TIMEOUT -> 504;
        };
        return Problem.of("fetch-failed", "Image URL could not be fetched", status, e.getMessage(), path(uri),
                e.reasonLabel()).toResponse().build();
    }

    @ServerExceptionMapper
    public Response modeUnavailable(ModeUnavailableException e, UriInfo uri) {
        return Problem.of("mode-unavailable", "Scoring mode not served here", 503, e.getMessage(), path(uri),
                "MODE_UNAVAILABLE").toResponse().build();
    }

    @ServerExceptionMapper
    public Response modelUnavailable(ModelUnavailableException e, UriInfo uri) {
        return Problem.of("model-unavailable", "Models not loaded", 503, e.getMessage(), path(uri),
                "MODEL_UNAVAILABLE").toResponse().header("Retry-After", 30).build();
    }

    /** The micro-batch queue is full: back-pressure, the client should retry shortly. */
    @ServerExceptionMapper
    public Response overloaded(RejectedExecutionException e, UriInfo uri) {
        return Problem.of("overloaded", "Scoring queue full", 503, e.getMessage(), path(uri), "OVERLOADED")
                .toResponse().header("Retry-After", 1).build();
    }

    /** Logged once per refusal, with the address and the reason; the key presented is never logged. */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri, HttpServerRequest request) {
        String detail = e instanceof AuthenticationFailedException && e.getMessage() != null
                ? e.getMessage()
                : "send an API key in X-API-Key or Authorization: Bearer";
        LOG.infof("401 for %s on %s: %s", ApiKeyFailures.clientAddress(request), path(uri), detail);
        return Problem.of("unauthorized", "Authentication required", 401, detail, path(uri), null)
                .toResponse().header("WWW-Authenticate", CHALLENGE).build();
    }

    /** An address that presented too many unknown API keys: refused before its key is checked. */
    @ServerExceptionMapper
    public Response authThrottled(ApiKeyThrottledException e, UriInfo uri, HttpServerRequest request) {
        LOG.infof("429 for %s on %s: %s", ApiKeyFailures.clientAddress(request), path(uri), e.getMessage());
        return Problem.of("auth-throttled", "Too many failed API keys", 429, e.getMessage(), path(uri),
                "AUTH_THROTTLED").toResponse().header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of("forbidden", "Forbidden", 403, "this client may not use this resource", path(uri), null)
                .toResponse().build();
    }

    /** Errors of HTTP itself; where RESTEasy's message says little, the detail says what to send instead. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = status.getStatusCode() == 415 ? "unsupported Content-Type; send " + ACCEPTED_BODIES
                : e.getCause() instanceof JsonProcessingException json ? JsonBodyProblem.detail(json) // malformed JSON
                : e.getMessage();
        return Problem.of("http-" + status.getStatusCode(), status.getReasonPhrase(), status.getStatusCode(), detail,
                path(uri), null).toResponse().build();
    }

    /** A JSON request body that is not the object the resource reads (malformed JSON comes wrapped, above). */
    @ServerExceptionMapper
    public Response badJson(MismatchedInputException e, UriInfo uri) {
        return Problem.of("http-400", "Bad Request", 400, JsonBodyProblem.detail(e), path(uri), null)
                .toResponse().build();
    }

    /**
     * Unchecked only: the checked exceptions the resources declare have their own mappers above, and a checked
     * IOException is the request stream failing (the client went away, or a chunked body passed
     * {@code max-body-size} and Vert.x has already answered 413). Left unmapped, RESTEasy logs those at DEBUG and
     * writes nothing more; mapped here, each was an ERROR and a second write to a finished response.
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unhandled error on %s", path(uri));
        return Problem.of("internal-error", "Internal error", 500, "the error has been logged", path(uri), null)
                .toResponse().build();
    }

    private static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
