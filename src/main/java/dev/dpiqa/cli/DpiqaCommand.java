package dev.dpiqa.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "dpiqa", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Perceptual image quality (DP-IQA): score images, evaluate against MOS labels, check how "
                + "scores fall as photos are degraded, inspect the model cache, run the service (REST and Kafka "
                + "pipeline), run a local demo of the pipeline, or re-distil the student on new labels.",
        subcommands = {ScoreCommand.class, EvaluateCommand.class, RobustnessCommand.class, ModelsCommand.class,
                ServeCommand.class, DemoCommand.class, DistillCommand.class})
public class DpiqaCommand {
}
