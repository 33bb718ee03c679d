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
    private static final String LOG_LEVEL = "quarkus.log.level";

    private final CommandLine commandLine;

    @Inject
    public DpiqaMain(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    public static void main(String... args) {
        // Runtime config is read when Quarkus starts, before picocli sees the arguments, so decide here.
        boolean serve = isServe(args);
        setUnlessConfigured(HOST_ENABLED, Boolean.toString(serve));
        if (!serve) {
            setUnlessConfigured(LOG_LEVEL, "WARN"); // a command's stderr is for its progress and its problems
        }
        Quarkus.run(DpiqaMain.class, args);
    }

    private static void setUnlessConfigured(String key, String value) {
        String envName = key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        if (System.getProperty(key) == null && System.getenv(envName) == null) {
            System.setProperty(key, value);
        }
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
