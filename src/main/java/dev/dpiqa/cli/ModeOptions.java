package dev.dpiqa.cli;

import dev.dpiqa.scoring.service.ScoringMode;
import picocli.CommandLine.Option;

/** {@code --teacher} | {@code --cascade}: an exclusive group shared by the commands that score; neither is the student. */
class ModeOptions {

    @Option(names = "--teacher", required = true, description = "Score with the teacher alone (slow, most accurate).")
    boolean teacher;

    @Option(names = "--cascade", required = true,
            description = "Student first, the teacher for images near a verdict threshold.")
    boolean cascade;

    static ScoringMode of(ModeOptions options) {
        if (options == null) {
            return ScoringMode.STUDENT;
        }
        return options.teacher ? ScoringMode.TEACHER : ScoringMode.CASCADE;
    }
}
