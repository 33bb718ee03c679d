package dev.dpiqa.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Prometheus series of the pipeline ({@code dpiqa_pipeline_*}). Consumer lag comes from the Kafka client metrics
 * Quarkus binds ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("dpiqa.pipeline.batch.size")
                .description("Records per consumed batch").publishPercentileHistogram().register(registry);
    }

    public void batch(int size) {
        batchSize.record(size);
    }

    public void received(String topic) {
        counter("dpiqa.pipeline.events.in", "Records consumed", "topic", topic);
    }

    /** A final quality event written, by the stage that decided; {@code elapsed} from consuming the upload. */
    public void answered(String stage, Duration elapsed) {
        counter("dpiqa.pipeline.events.out", "Quality events written", "stage", stage);
        Timer.builder("dpiqa.pipeline.latency").description("From consuming an upload to writing its quality event")
                .tags("stage", stage).publishPercentileHistogram().register(registry).record(elapsed);
    }

    public void deadLettered(String code) {
        counter("dpiqa.pipeline.dead.letters", "Records sent to the dead-letter topic, by reason", "reason", code);
    }

    public void retried(String code) {
        counter("dpiqa.pipeline.retries", "Records sent to the retry topic, by reason", "reason", code);
    }

    public void duplicate() {
        counter("dpiqa.pipeline.duplicates", "Redelivered records skipped because they were answered before");
    }

    public void borderline() {
        counter("dpiqa.pipeline.cascade.borderline", "Uploads handed to the teacher workers");
    }

    public void teacherFallback() {
        counter("dpiqa.pipeline.cascade.fallbacks",
                "Borderline uploads answered by the student because no teacher answered in time");
    }

    /** A teacher worker's outcome for a borderline request: answered, expired, duplicate or failed. */
    public void teacher(String outcome, Duration elapsed) {
        Timer.builder("dpiqa.pipeline.teacher").description("Teacher workers' handling of borderline requests")
                .tags("outcome", outcome).publishPercentileHistogram().register(registry).record(elapsed);
    }

    public void thumbnails(int candidates, int failed) {
        counter("dpiqa.pipeline.thumbnail.selections", "Thumbnail selections written");
        DistributionSummary.builder("dpiqa.pipeline.thumbnail.candidates").register(registry).record(candidates);
        Counter.builder("dpiqa.pipeline.thumbnail.candidate.failures").register(registry).increment(failed);
    }

    /**
     * A model-updates event for this instance's student (applied, unchanged, pinned or refused), or a catch-up with the
     * model cache that swapped (caught-up).
     */
    public void modelUpdate(String outcome) {
        counter("dpiqa.pipeline.model.updates", "Model updates for the serving student, by outcome", "outcome", outcome);
    }

    private void counter(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }
}
