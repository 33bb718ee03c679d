package dev.dpiqa.cli;

import dev.dpiqa.serving.ScoringEngine;
import io.quarkus.runtime.Quarkus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = ServeCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Run the REST service (POST /v1/score, GET /v1/models, /q/health, /q/metrics) until stopped,",
                "and the Kafka pipeline where a broker is configured (KAFKA_BOOTSTRAP_SERVERS).",
                "Port and limits come from configuration, e.g. -Dquarkus.http.port=8080."})
public class ServeCommand implements Callable<Integer> {

    static final String NAME = "serve";
    private static final Logger LOG = Logger.getLogger(ServeCommand.class);

    @ConfigProperty(name = DpiqaMain.HOST_ENABLED)
    boolean httpEnabled;

    @ConfigProperty(name = DpiqaMain.PIPELINE_ENABLED)
    boolean pipelineEnabled;

    @Spec
    CommandSpec spec;

    private final ScoringEngine engine;

    public ServeCommand(ScoringEngine engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() {
        if (!httpEnabled) {
            spec.commandLine().getErr().println("the HTTP server is disabled (" + DpiqaMain.HOST_ENABLED + "=false)");
            return 2;
        }
        if (!pipelineEnabled) {
            LOG.infof("REST API only: the Kafka pipeline is off (%s=false, the default when no broker is configured);"
                    + " set KAFKA_BOOTSTRAP_SERVERS to consume uploads", DpiqaMain.PIPELINE_ENABLED);
        }
        engine.start(); // load now, so the first request and the readiness probe need not wait for it
        Quarkus.waitForExit();
        return 0;
    }
}
