package dev.dpiqa.api;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

/** Lists the model cache; {@code ?verify=true} hashes every model file (slow for large teachers). */
@Path("/v1/models")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelCatalog catalog;

    public ModelsResource(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    public ModelCatalog.Listing list(@RestQuery boolean verify) {
        return catalog.list(verify);
    }
}
