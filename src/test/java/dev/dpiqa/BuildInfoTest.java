package dev.dpiqa;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BuildInfoTest {

    @Test
    void theBuildRecordsTheCommitOfTheCheckoutItWasBuiltFrom() throws Exception {
        String head = git("rev-parse", "--short=12", "HEAD");
        assumeTrue(head != null, "not built from a git checkout");
        BuildInfo build = BuildInfo.current();
        assertThat(build.commit()).isEqualTo(head);
        assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(build.describe()).startsWith(build.version() + " (commit " + head);
    }

    @Test
    void aBuildWithoutGitSaysItsCommitIsUnknownAndMarksUncommittedChanges() {
        Properties withoutGit = new Properties();
        withoutGit.setProperty("git.build.version", "2.0.0");
        assertThat(BuildInfo.parse(withoutGit).describe()).isEqualTo("2.0.0 (commit unknown)");

        Properties dirty = new Properties();
        dirty.setProperty("git.build.version", "2.0.0");
        dirty.setProperty("git.commit.id.abbrev", "0123456789ab");
        dirty.setProperty("git.dirty", "true");
        assertThat(BuildInfo.parse(dirty).describe()).isEqualTo("2.0.0 (commit 0123456789ab with uncommitted changes)");
    }

    /** git's answer, or null where git or a checkout is missing. */
    private static String git(String... args) throws InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }
}
