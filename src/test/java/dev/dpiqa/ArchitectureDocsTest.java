package dev.dpiqa;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's package list and the dependency rules it states, and docs/architecture.md's flows, against the code:
 * a package added, removed or renamed, or an import that breaks a stated rule, fails here until the docs say so.
 */
class ArchitectureDocsTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/dpiqa");
    private static final List<String> FLOWS = List.of("uploads", "cascade", "thumbnails", "modelupdates", "labels");

    /** Every folder under dev/dpiqa that holds Java sources, as {@code pipeline/kafka}. */
    private static Set<String> codePackages() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            Set<String> packages = new TreeSet<>();
            files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).filter(d -> !d.equals(SOURCES))
                    .forEach(d -> packages.add(SOURCES.relativize(d).toString().replace('\\', '/')));
            return packages;
        }
    }

    /** The packages the README's list names: the backticked names that open each of its items. */
    private static Set<String> readmePackages() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("Packages under `src/main/java/dev/dpiqa/`");
        assertThat(start).as("README has its package list").isNotNegative();
        String list = readme.substring(start, readme.indexOf("\n\n", readme.indexOf("\n- ", start)));
        Set<String> packages = new TreeSet<>();
        Matcher item = Pattern.compile("(?m)^- (.*?):").matcher(list);
        while (item.find()) {
            Matcher name = Pattern.compile("`([a-z/]+)`").matcher(item.group(1));
            while (name.find()) {
                packages.add(name.group(1));
            }
        }
        return packages;
    }

    /** The {@code dev.dpiqa} packages the sources of {@code pkg} (not its sub-packages) import, as folders. */
    private static Set<String> importsOf(String pkg) throws IOException {
        Set<String> imported = new TreeSet<>();
        Pattern importLine = Pattern.compile("(?m)^import dev\\.dpiqa\\.([a-z.]+)\\.[A-Z]");
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = importLine.matcher(Files.readString(file));
                while (m.find()) {
                    imported.add(m.group(1).replace('.', '/'));
                }
            }
        }
        return imported;
    }

    @Test
    void readmeListsEveryPackageThereIsAndNoOther() throws IOException {
        assertThat(readmePackages()).containsExactlyElementsOf(codePackages());
    }

    @Test
    void nothingDependsOnTheWiring() throws IOException {
        for (String pkg : codePackages()) {
            if (!pkg.equals("app")) {
                assertThat(importsOf(pkg)).as("imports of %s", pkg).noneMatch(p -> p.equals("app"));
            }
        }
    }

    @Test
    void theFlowsShareTheKafkaPartAndDoNotReachIntoEachOther() throws IOException {
        for (String flow : FLOWS) {
            Set<String> others = new TreeSet<>();
            FLOWS.stream().filter(f -> !f.equals(flow)).forEach(f -> others.add("pipeline/" + f));
            if (flow.equals("uploads")) {
                others.remove("pipeline/cascade"); // uploads hand their borderlines over
            }
            assertThat(importsOf("pipeline/" + flow)).as("imports of pipeline/%s", flow).doesNotContainAnyElementsOf(
                    others);
        }
        for (String shared : List.of("pipeline", "pipeline/kafka", "pipeline/event")) {
            assertThat(importsOf(shared)).as("imports of %s", shared)
                    .noneMatch(p -> FLOWS.stream().anyMatch(f -> p.equals("pipeline/" + f)));
        }
    }

    @Test
    void cliAndApiDoNotDependOnEachOther() throws IOException {
        for (String pkg : codePackages()) {
            if (pkg.startsWith("cli")) {
                assertThat(importsOf(pkg)).as("imports of %s", pkg).noneMatch(p -> p.startsWith("api"));
            }
            if (pkg.startsWith("api")) {
                assertThat(importsOf(pkg)).as("imports of %s", pkg).noneMatch(p -> p.startsWith("cli"));
            }
        }
    }

    @Test
    void architectureDocDrawsEveryFlowAndTheSharedPart() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        assertThat(doc).contains("```mermaid");
        for (String flow : FLOWS) {
            assertThat(doc).as("docs/architecture.md draws pipeline/%s", flow).contains("pipeline/" + flow);
        }
        assertThat(doc).contains("pipeline/kafka");
    }
}
