package dev.dpiqa.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Expands command-line arguments into images: URIs as given, files as given, directories to their image files. */
final class ImageInputs {

    /**
     * One image to score.
     *
     * @param label as reported in the output: the argument, or the file found in a directory
     * @param path  the local file, or null when {@code label} is a URI
     */
    record Input(String label, Path path) {
        boolean isUri() {
            return path == null;
        }
    }

    /**
     * Directories are filtered by extension so that a labels file next to the images is not reported as a failure;
     * the bytes still decide the type.
     */
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff", "webp");
    private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/.*");

    private ImageInputs() {
    }

    /** @throws IllegalArgumentException for a directory without image files: a usage error, not an empty result */
    static List<Input> expand(List<String> arguments) {
        List<Input> inputs = new ArrayList<>();
        for (String argument : arguments) {
            if (URI_SCHEME.matcher(argument).matches()) {
                inputs.add(new Input(argument, null));
            } else if (Files.isDirectory(Path.of(argument))) {
                List<Path> images = imagesUnder(Path.of(argument));
                if (images.isEmpty()) {
                    throw new IllegalArgumentException("no images in " + argument + " (image files are told by their"
                            + " extension: " + String.join(", ", new TreeSet<>(IMAGE_EXTENSIONS)) + ")");
                }
                images.forEach(p -> inputs.add(new Input(p.toString(), p)));
            } else {
                inputs.add(new Input(argument, Path.of(argument)));
            }
        }
        return inputs;
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> imagesUnder(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).filter(ImageInputs::hasImageExtension).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
