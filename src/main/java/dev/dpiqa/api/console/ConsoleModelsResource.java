package dev.dpiqa.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dpiqa.model.ModelException;
import dev.dpiqa.redistill.DistillJob;
import dev.dpiqa.redistill.RollbackReport;
import dev.dpiqa.serving.ModelCatalog;
import dev.dpiqa.serving.ModelView;
import dev.dpiqa.serving.ModelsConfig;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Models page: what serves, the student's versions with lineage and rendered model card, the last
 * re-distillation's report, and the rollback that only an admin may start.
 */
@Path("/console/api/models")
@Authenticated
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleModelsResource {

    /**
     * @param student      the configured student's versions, oldest first
     * @param serving      the student version loaded now, with its lineage and model card
     * @param canRollBack  whether this reviewer may roll back and there is a version to go back to
     */
    public record ModelsView(List<ModelView> models, List<ModelView> student, Serving serving,
                             @JsonProperty("last_distillation") JsonNode lastDistillation,
                             @JsonProperty("can_roll_back") boolean canRollBack) {
    }

    public record Serving(String name, String version, Map<String, Object> lineage,
                          @JsonProperty("card_html") String cardHtml) {
    }

    private final ModelCatalog catalog;
    private final ModelsConfig models;
    private final DistillJob distill;
    private final SecurityIdentity identity;

    public ConsoleModelsResource(ModelCatalog catalog, ModelsConfig models, DistillJob distill,
                                 SecurityIdentity identity) {
        this.catalog = catalog;
        this.models = models;
        this.distill = distill;
        this.identity = identity;
    }

    @GET
    public ModelsView models() throws IOException {
        String name = models.student().name();
        List<ModelView> all = catalog.list(false).models();
        List<ModelView> student = all.stream().filter(view -> view.name().equals(name)).toList();
        Optional<ModelView> serving = student.stream().filter(ModelView::serving).findFirst();
        return new ModelsView(all, student, serving.isPresent() ? serving(name, serving.get().version()) : null,
                distill.latestReport().orElse(null),
                identity.hasRole(SessionResource.ADMIN) && student.size() >= 2);
    }

    @POST
    @Path("rollback")
    @RolesAllowed(SessionResource.ADMIN)
    public RollbackReport rollback() throws IOException {
        try {
            return distill.rollback();
        } catch (ModelException | IllegalStateException e) {
            throw new WebApplicationException(e.getMessage(), 409);
        }
    }

    private Serving serving(String name, String version) throws IOException {
        return catalog.details(name, version)
                .map(v -> new Serving(name, version, v.lineage(), v.modelCard().map(ModelCards::html).orElse(null)))
                .orElse(new Serving(name, version, Map.of(), null)); // retired since it was loaded
    }
}
