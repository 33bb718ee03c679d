package dev.dpiqa.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Bodies that declare more bytes than {@code quarkus.http.limits.max-body-size} get problem JSON saying so, where
 * Quarkus's own check would answer a bare 413. It runs on the declared Content-Length one route before Quarkus's
 * (order -2), so nothing of the body is read; chunked bodies without a length still meet Quarkus's limit.
 */
@ApplicationScoped
public class BodyLimitProblem {

    static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        maxBodySize.ifPresent(limit -> router.route().order(ORDER).handler(ctx -> check(ctx, limit.asLongValue())));
    }

    private void check(RoutingContext ctx, long limit) {
        long declared = declaredLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared <= limit) {
            ctx.next();
            return;
        }
        Problem problem = Problem.of("body-too-large", "Request body too large", 413,
                "the request body declares " + declared + " bytes; this service accepts at most " + limit
                        + " (quarkus.http.limits.max-body-size); send a smaller image or its URL",
                ctx.request().path(), "TOO_MANY_BYTES");
        try {
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close") // the unread body must not be taken for the next request
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.fail(413, e);
        }
    }

    /** The declared length, or -1 where there is none or it is not a number (left to Quarkus and Netty). */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
