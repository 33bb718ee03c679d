package dev.dpiqa.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param type      a URN naming the kind of problem, stable for clients to switch on
 * @param title     short, the same for every problem of this type
 * @param status    the HTTP status
 * @param detail    what went wrong this time
 * @param instance  the request path
 * @param reason    the machine-readable reason of an image rejection or fetch failure, e.g. {@code UNSUPPORTED_TYPE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(String slug, String title, int status, String detail, String instance, String reason) {
        return new Problem("urn:dpiqa:problem:" + slug, title, status, detail, instance, reason);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
