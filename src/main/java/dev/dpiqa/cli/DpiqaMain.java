package dev.dpiqa.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point of the {@code dpiqa} command. Only {@code serve} needs the HTTP server; every other command runs
 * without binding a port, so it can run beside a service and in locked-down batch jobs.
 */
@QuarkusMain
public class DpiqaMain implements QuarkusApplication {

    static final String HOST_ENABLED = "quarkus.http.host-enabled";

    private final CommandLine commandLine;

    @Inject
    public DpiqaMain(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    public static void main(String... args) {
        // Runtime config is read when Quarkus starts, before picocli sees the arguments, so decide here.
        if (System.getProperty(HOST_ENABLED) == null && System.getenv("QUARKUS_HTTP_HOST_ENABLED") == null) {
            System.setProperty(HOST_ENABLED, Boolean.toString(isServe(args)));
        }
        Quarkus.run(DpiqaMain.class, args);
    }

    static boolean isServe(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals(ServeCommand.NAME);
            }
        }
        return false;
    }

    @Override
    public int run(String... args) {
        return commandLine.execute(args);
    }
}
