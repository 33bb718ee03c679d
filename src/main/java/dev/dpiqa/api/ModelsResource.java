package dev.dpiqa.api;

import dev.dpiqa.serving.ModelCatalog;
import dev.dpiqa.serving.ModelView;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** Lists the model cache, or one model's versions; {@code ?verify=true} hashes the model files (slow for large teachers). */
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
    @Operation(summary = "List every model version in the cache", description = "serving: loaded and scoring now.")
    public ModelCatalog.Listing list(@RestQuery boolean verify) {
        return catalog.list(verify);
    }

    /** The versions of one model, oldest first; 404 when the cache holds no valid version of it. */
    @GET
    @Path("{name}")
    @Operation(summary = "List the versions of one model")
    public ModelVersions versions(@RestPath String name, @RestQuery boolean verify) {
        List<ModelView> versions = catalog.list(verify, name).models();
        if (versions.isEmpty()) {
            throw new NotFoundException("no valid version of a model named '" + name + "' in the cache;"
                    + " GET /v1/models lists them");
        }
        return new ModelVersions(name, versions);
    }

    /** One model's versions, as {@code GET /v1/models/{name}} answers. */
    public record ModelVersions(String name, List<ModelView> versions) {
    }
}
