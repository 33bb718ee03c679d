package dev.dpiqa.api.health;

import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.cascade.BorderlineWatch;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.concurrent.CompletionException;

/**
 * Ready once the ledger of answered events has read the output topics: before that, a consumer could not tell a
 * redelivery from a new upload, so it does not consume. The Kafka connection and the consumers' liveness are
 * reported by the messaging extension's own checks beside this one.
 */
@Readiness
@ApplicationScoped
public class PipelineReadinessCheck implements HealthCheck {

    private final PipelineConfig config;
    private final ProcessedLedger ledger;
    private final BorderlineWatch borderline;

    public PipelineReadinessCheck(PipelineConfig config, ProcessedLedger ledger, BorderlineWatch borderline) {
        this.config = config;
        this.ledger = ledger;
        this.borderline = borderline;
    }

    /**
     * Reading the topics takes a while on a busy cluster: start at once rather than on the first record. Only
     * consumers need it; {@code dpiqa distill} uses the pipeline to publish alone.
     */
    void start(@Observes StartupEvent event) {
        if (config.enabled() && (config.students() || config.teachers())) {
            ledger.start();
        }
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka pipeline")
                .withData("students", config.students()).withData("teachers", config.teachers());
        if (!config.enabled()) {
            return response.withData("pipeline", "disabled").up().build();
        }
        if (ledger.ready().isCompletedExceptionally()) {
            String why = ledger.ready().handle((ok, e) -> e instanceof CompletionException && e.getCause() != null
                    ? e.getCause().getMessage() : String.valueOf(e)).join();
            return response.withData("ledger", "failed: " + why).down().build();
        }
        if (!ledger.ready().isDone()) {
            return response.withData("ledger", "reading the answer topics").down().build();
        }
        return response.withData("ledger", "ready").withData("borderline_waiting", borderline.pending()).up().build();
    }
}
