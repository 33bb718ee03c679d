package dev.dpiqa.api;

import dev.dpiqa.image.ImageRejectedException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** A test-only /v1 resource to exercise authentication, rate limiting and problem JSON apart from scoring. */
@Path("/v1/probe")
@Authenticated
public class ProbeResource {

    private final SecurityIdentity identity;

    public ProbeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public String whoAmI() {
        return identity.getPrincipal().getName();
    }

    @GET
    @Path("/fail")
    public String fail() {
        throw new IllegalStateException("a bug, for the test");
    }

    @GET
    @Path("/reject/{reason}")
    public String reject(@PathParam("reason") ImageRejectedException.Reason reason) throws ImageRejectedException {
        throw new ImageRejectedException(reason, "rejected for the test");
    }
}
