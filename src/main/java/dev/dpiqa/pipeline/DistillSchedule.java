package dev.dpiqa.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.training.DistillJob;
import dev.dpiqa.training.DistillReport;
import dev.dpiqa.training.LabelStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final PipelineConfig pipeline;
    private final ObjectMapper json;

    public DistillSchedule(DistillJob job, LabelStore labels, PipelineConfig pipeline, ObjectMapper json) {
        this.job = job;
        this.labels = labels;
        this.pipeline = pipeline;
        this.json = json;
    }

    @Scheduled(identity = "redistill", cron = "${dpiqa.distill.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() throws JsonProcessingException {
        DistillReport report = job.runFromStore(labels, pipeline.fileUris(), LOG::info);
        LOG.infof("re-distillation %s: %s", report.outcome(), json.writeValueAsString(report));
    }
}
