package dev.dpiqa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this application was built from, as the build wrote them into
 * {@code dev/dpiqa/build.properties} (git-commit-id-maven-plugin). A build without a git checkout (the Docker image)
 * has no commit: {@link #commit()} is then "unknown".
 *
 * @param version the Maven project version
 * @param commit  the abbreviated commit, or "unknown"
 * @param dirty   whether the working tree had uncommitted changes when it was built
 */
public record BuildInfo(String version, String commit, boolean dirty) {

    static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    private static final BuildInfo CURRENT = read();

    /** This application's build. */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** E.g. "0.1.0-SNAPSHOT (commit 47a3cd7bf8c9)": what {@code --version} prints and re-distilled versions record. */
    public String describe() {
        return version + " (commit " + commit + (dirty ? " with uncommitted changes" : "") + ")";
    }

    static BuildInfo parse(Properties properties) {
        return new BuildInfo(properties.getProperty("git.build.version", UNKNOWN),
                properties.getProperty("git.commit.id.abbrev", UNKNOWN),
                Boolean.parseBoolean(properties.getProperty("git.dirty", "false")));
    }

    private static BuildInfo read() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the application's classpath", e);
        }
        return parse(properties);
    }
}
