package dev.dpiqa.model;

import dev.dpiqa.model.djl.DeviceChoice;
import dev.dpiqa.model.djl.DjlLoaderConfig;
import dev.dpiqa.model.djl.DjlModelLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

/** The TorchScript fixture models of training/scripts/make_fixture_models.py and helpers to copy or vary them. */
public final class Fixtures {

    public static final Path MODEL_CACHE = Path.of("src/test/resources/model-cache");
    public static final String STUDENT = "fixture_student";
    public static final String TEACHER = "fixture_teacher";
    /** A teacher that takes 96×96 where the others take {@link #INPUT_SIZE}, as real teachers take more pixels. */
    public static final String TEACHER_96 = "fixture_teacher_96";
    /** Height and width of the students' and {@link #TEACHER}'s input. */
    public static final int INPUT_SIZE = 64;

    /** One thread each: the build machine's cores are shared. Loaders share the process-wide engine anyway. */
    private static final DjlModelLoader LOADER = new DjlModelLoader(new DjlLoaderConfig(DeviceChoice.CPU, 1, 1, 2));

    private Fixtures() {
    }

    public static ModelRegistry registry() {
        return new ModelRegistry(MODEL_CACHE);
    }

    public static CachedModel cached(String name, String version) {
        try {
            return registry().version(name, version);
        } catch (ModelNotFoundException e) {
            throw new IllegalStateException("fixture missing; run training/scripts/make_fixture_models.py", e);
        }
    }

    public static DjlModelLoader loader() {
        return LOADER;
    }

    /** A CHW image of one colour at the fixture input size. */
    public static float[] solid(float r, float g, float b) {
        int plane = INPUT_SIZE * INPUT_SIZE;
        float[] chw = new float[3 * plane];
        Arrays.fill(chw, 0, plane, r);
        Arrays.fill(chw, plane, 2 * plane, g);
        Arrays.fill(chw, 2 * plane, 3 * plane, b);
        return chw;
    }

    /** Reproducible uniform noise in [0,1). */
    public static float[] noise(int seed) {
        return noise(seed, 3 * INPUT_SIZE * INPUT_SIZE);
    }

    /** Seeded uniform noise in [0, 1) of any length, e.g. a real model's input. */
    public static float[] noise(int seed, int length) {
        float[] chw = new float[length];
        Random random = new Random(seed);
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextFloat();
        }
        return chw;
    }

    /** Copies {@code <name>/<version>} into {@code root} (a temp dir), returning the new version folder. */
    public static Path copy(String name, String version, Path root) {
        return copyTree(MODEL_CACHE.resolve(name).resolve(version), root.resolve(name).resolve(version));
    }

    /** Copies a fixture into {@code root} under another version number, so a registry sees it as a new release. */
    public static Path copyAsVersion(String name, String version, Path root, String newVersion) {
        Path folder = copyTree(MODEL_CACHE.resolve(name).resolve(version), root.resolve(name).resolve(newVersion));
        Path manifest = folder.resolve(ModelRegistry.MANIFEST_FILE);
        try {
            Files.writeString(manifest, Files.readString(manifest)
                    .replace("\"version\": \"" + version + "\"", "\"version\": \"" + newVersion + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * fixture_student 1.1.0's file as 2.0.0 in {@code root}, composed with {@code companion}'s {@code version} at
     * 0.75 (a manifest {@code compose} entry).
     */
    public static CachedModel composedStudent(Path root, String companion, String version) throws Exception {
        Path manifest = copyAsVersion(STUDENT, "1.1.0", root, "2.0.0").resolve(ModelRegistry.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\{", "{\"compose\": {\"self\": 0.25, "
                + "\"versions\": [{\"name\": \"" + companion + "\", \"version\": \"" + version + "\", \"weight\": 0.75}]},"));
        return new ModelRegistry(root).version(STUDENT, "2.0.0");
    }

    private static Path copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
