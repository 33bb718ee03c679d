package dev.dpiqa.cli;

import dev.dpiqa.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the application version and the commit it was built from. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"dpiqa " + BuildInfo.current().describe()};
    }
}
