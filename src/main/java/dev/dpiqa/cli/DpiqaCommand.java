package dev.dpiqa.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "dpiqa", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Perceptual image quality (DP-IQA): score images, evaluate against MOS labels, inspect the "
                + "model cache, or run the REST service.",
        subcommands = {ScoreCommand.class, EvaluateCommand.class, ModelsCommand.class, ServeCommand.class})
public class DpiqaCommand {
}
