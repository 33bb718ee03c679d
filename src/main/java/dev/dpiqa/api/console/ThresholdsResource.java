package dev.dpiqa.api.console;

import dev.dpiqa.evaluation.LabelsCsv;
import dev.dpiqa.scoring.VerdictPolicy;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.serving.ModelUnavailableException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The Thresholds page's labelled sets, picked from the server's or uploaded, scored for the page to judge. */
@Path("/console/api/labelled-sets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ThresholdsResource {

    /** The sets to pick from, and the thresholds in force to start from. */
    public record Choices(List<LabelledSets.SetInfo> sets, Thresholds thresholds) {
    }

    private final LabelledSets sets;
    private final SetEvaluator evaluator;
    private final VerdictPolicy policy;

    public ThresholdsResource(LabelledSets sets, SetEvaluator evaluator, VerdictPolicy policy) {
        this.sets = sets;
        this.evaluator = evaluator;
        this.policy = policy;
    }

    @GET
    public Choices list() {
        return new Choices(sets.list(), Thresholds.of(policy));
    }

    @POST
    @Path("{id}/evaluation")
    @Blocking
    public SetEvaluator.Evaluation evaluate(@RestPath String id)
            throws ModelUnavailableException, ModeUnavailableException {
        LabelledSets.LabelledSet set;
        try {
            set = sets.get(id);
        } catch (LabelsCsv.InvalidLabelsException e) {
            throw new BadRequestException(e.getMessage());
        }
        return evaluator.evaluate(set.name(), set.labels(), image -> Files.readAllBytes(set.image(image)));
    }

    /** A set of one's own: {@code labels} (a mos.csv) and the photos it names as parts named {@code image}. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    public SetEvaluator.Evaluation upload(@RestForm("labels") FileUpload labels,
                                          @RestForm(FileUpload.ALL) List<FileUpload> parts)
            throws ModelUnavailableException, ModeUnavailableException {
        if (labels == null) {
            throw new BadRequestException("multipart field 'labels' (the mos.csv) is missing");
        }
        List<LabelsCsv.Label> rows;
        try {
            rows = LabelsCsv.read(labels.uploadedFile(), "image", "mos");
        } catch (LabelsCsv.InvalidLabelsException e) {
            throw new BadRequestException(e.getMessage().replace(labels.uploadedFile().toString(), labels.fileName()));
        }
        Map<String, FileUpload> photos = parts.stream().filter(part -> part.name().equals("image"))
                .collect(Collectors.toMap(FileUpload::fileName, Function.identity(), (first, second) -> first));
        return evaluator.evaluate(labels.fileName(), rows, image -> {
            FileUpload photo = photos.get(image);
            if (photo == null) {
                throw new NoSuchFileException(image + " is in the labels but was not uploaded");
            }
            return Files.readAllBytes(photo.uploadedFile());
        });
    }
}
