package dev.dpiqa.cli;

import dev.dpiqa.scoring.engine.ScoringEngine;
import io.quarkus.runtime.Quarkus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = ServeCommand.NAME, mixinStandardHelpOptions = true,
        description = {"Run the REST service (POST /v1/score, GET /v1/models, /q/health, /q/metrics) until stopped.",
                "Port and limits come from configuration, e.g. -Dquarkus.http.port=8080."})
public class ServeCommand implements Callable<Integer> {

    static final String NAME = "serve";

    @ConfigProperty(name = DpiqaMain.HOST_ENABLED)
    boolean httpEnabled;

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
        engine.start(); // load now, so the first request and the readiness probe need not wait for it
        Quarkus.waitForExit();
        return 0;
    }
}
