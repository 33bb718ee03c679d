package dev.dpiqa.cli;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import dev.dpiqa.pipeline.local.LocalBroker;
import dev.dpiqa.pipeline.local.LocalKafka;
import jakarta.inject.Inject;
import picocli.CommandLine;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Entry point of the {@code dpiqa} command. Only {@code serve} needs the HTTP server, and only {@code serve} and
 * {@code demo} the Kafka pipeline; every other command runs without binding a port or joining a consumer group,
 * so it can run beside a service and in locked-down batch jobs. {@code demo} brings its own broker.
 * {@code distill} reads the labels topic and announces on {@code model-updates}, so it gets Kafka without any
 * consumer role, unless it reads a labels CSV. {@code serve} runs the pipeline only where a broker is named
 * ({@code kafka.bootstrap.servers}, or the local profile's own) or {@code dpiqa.pipeline.enabled} is set: a first try
 * without Kafka gets the REST API. "Configured" means a system property or an environment variable, as
 * application.properties' own values are defaults.
 */
@QuarkusMain
public class DpiqaMain implements QuarkusApplication {

    static final String HOST_ENABLED = "quarkus.http.host-enabled";
    static final String PIPELINE_ENABLED = "dpiqa.pipeline.enabled";
    private static final String STUDENTS = "dpiqa.pipeline.students";
    private static final String TEACHERS = "dpiqa.pipeline.teachers";
    private static final String PROFILE = "quarkus.profile";
    private static final String BOOTSTRAP = "kafka.bootstrap.servers";
    private static final String LOG_LEVEL = "quarkus.log.level";

    private final CommandLine commandLine;

    @Inject
    public DpiqaMain(CommandLine commandLine) {
        this.commandLine = commandLine;
    }

    public static void main(String... args) {
        // Runtime config is read when Quarkus starts, before picocli sees the arguments, so decide here.
        String command = printsAndExits(args) ? "" : command(args);
        boolean serve = ServeCommand.NAME.equals(command);
        boolean demo = DemoCommand.NAME.equals(command);
        boolean distillOnTopics = DistillCommand.NAME.equals(command)
                && java.util.Arrays.stream(args).noneMatch(a -> a.equals(DistillCommand.LABELS_OPTION)
                || a.startsWith(DistillCommand.LABELS_OPTION + "="));
        setUnlessConfigured(HOST_ENABLED, Boolean.toString(serve));
        if (!serve) {
            setUnlessConfigured(LOG_LEVEL, "WARN"); // a command's stderr is for its progress and its problems
        }
        if (distillOnTopics) {
            setUnlessConfigured(STUDENTS, "false"); // producer only: no consumer group, no ledger
            setUnlessConfigured(TEACHERS, "false");
        } else if (!serve && !demo) {
            setUnlessConfigured(PIPELINE_ENABLED, "false"); // batch commands must not join consumer groups
        }
        if (demo) {
            setUnlessConfigured(PROFILE, "local");
        }
        Optional<LocalBroker> broker;
        try {
            broker = LocalKafka.wanted(command, configured(PROFILE), configured(BOOTSTRAP).isPresent())
                    ? Optional.of(LocalKafka.start(true)) : Optional.empty();
        } catch (IllegalStateException e) { // no broker in this build, or it would not start
            System.err.println("dpiqa: " + e.getMessage());
            System.exit(2);
            return;
        }
        broker.ifPresent(b -> System.setProperty(BOOTSTRAP, b.bootstrapServers()));
        if (serve && configured(BOOTSTRAP).isEmpty()) {
            // No broker named: the REST API alone, not consumers retrying localhost:9092 (ServeCommand says so).
            setUnlessConfigured(PIPELINE_ENABLED, "false");
        }
        if (broker.isEmpty()) {
            Quarkus.run(DpiqaMain.class, args);
            return;
        }
        BiConsumer<Integer, Throwable> exit = ApplicationLifecycleManager.getDefaultExitCodeHandler();
        Quarkus.run(DpiqaMain.class, (code, failure) -> {
            broker.get().close(); // after the connectors closed, so they leave cleanly
            exit.accept(code, failure);
        }, args);
    }

    private static Optional<String> configured(String key) {
        return Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(envName(key))));
    }

    private static void setUnlessConfigured(String key, String value) {
        if (configured(key).isEmpty()) {
            System.setProperty(key, value);
        }
    }

    private static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Help and version only print: they need no port, broker or pipeline, whatever the subcommand. */
    static boolean printsAndExits(String[] args) {
        return java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help") || a.equals("-V")
                || a.equals("--version"));
    }

    /** The subcommand: the first argument that is no option. */
    static String command(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    @Override
    public int run(String... args) {
        return commandLine.execute(args);
    }
}
