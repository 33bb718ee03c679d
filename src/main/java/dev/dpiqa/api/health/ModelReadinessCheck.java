package dev.dpiqa.api.health;

import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.serving.ScoringEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Ready once the configured models are loaded and verified. The first probe starts loading, so a pod is not sent
 * traffic before its model is in memory, and a failed load is retried on the next probe.
 */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {

    private final ScoringEngine engine;

    public ModelReadinessCheck(ScoringEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model loaded");
        List<ModelManifest> serving = engine.serving();
        if (!serving.isEmpty()) {
            serving.forEach(m -> response.withData(m.role().name().toLowerCase(java.util.Locale.ROOT), m.id().toString()));
            return response.up().build();
        }
        engine.failure().ifPresent(why -> response.withData("error", why));
        engine.start();
        return response.down().build();
    }
}
