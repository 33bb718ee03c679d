package dev.dpiqa.cli;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the application version Quarkus was built with. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"dpiqa " + ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.version", String.class).orElse("unknown")};
    }
}
