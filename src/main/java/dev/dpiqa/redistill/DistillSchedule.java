package dev.dpiqa.redistill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * In-service re-distillation on {@code dpiqa.distill.cron} (off by default: the CronJob or {@code dpiqa distill}
 * usually runs it). Reads the labels topic, runs, and on promotion swaps this instance and announces the version.
 */
@ApplicationScoped
public class DistillSchedule {

    private static final Logger LOG = Logger.getLogger(DistillSchedule.class);

    private final DistillJob job;
    private final LabelStore labels;
    private final boolean fileUris;
    private final ObjectMapper json;

    /** @param fileUris whether the labels topic's images may be {@code file:} URIs, as the pipeline's uploads may */
    public DistillSchedule(DistillJob job, LabelStore labels,
                           @ConfigProperty(name = "dpiqa.pipeline.file-uris") boolean fileUris, ObjectMapper json) {
        this.job = job;
        this.labels = labels;
        this.fileUris = fileUris;
        this.json = json;
    }

    @Scheduled(identity = "redistill", cron = "${dpiqa.distill.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() throws JsonProcessingException {
        DistillReport report = job.runFromStore(labels, fileUris, LOG::info);
        LOG.infof("re-distillation %s: %s", report.outcome(), json.writeValueAsString(report));
    }
}
