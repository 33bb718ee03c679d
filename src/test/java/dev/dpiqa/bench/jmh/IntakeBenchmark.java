package dev.dpiqa.bench.jmh;

import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.ModelNotFoundException;
import dev.dpiqa.model.ModelRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The per-image work before the model, one stage at a time: guarded decode of a JPEG (type detection, pixel-count
 * check, sRGB, EXIF orientation) at full size and as serving decodes it for the model (reduced where its manifest
 * allows), and the antialiased resize of each to the model's input tensor. Run by {@code bench/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IntakeBenchmark {

    /** A JPEG file; bench/jmh.sh passes one made by bench/make_jpegs.py. */
    @Param("")
    public String jpeg;
    /** The model whose input tensor the resize makes (its newest version's manifest says the size). */
    @Param("model-cache")
    public String cache;
    @Param("dpiqa_student_mobilenetv2")
    public String model;

    private byte[] bytes;
    private final ImageIntake intake = new ImageIntake(IntakeLimits.defaults());
    private DecodedImage decoded;
    private DecodedImage reduced;
    private ModelViews views;

    @Setup
    public void load() throws IOException, ImageRejectedException, ModelNotFoundException {
        bytes = Files.readAllBytes(Path.of(jpeg));
        views = new ModelRegistry(Path.of(cache)).latest(model).manifest().modelViews();
        decoded = intake.decode(bytes);
        reduced = intake.decode(bytes, views);
    }

    @Benchmark
    public DecodedImage decode() throws ImageRejectedException {
        return intake.decode(bytes);
    }

    /** As serving decodes for the model: reduced by DCT scaling where its manifest allows. */
    @Benchmark
    public DecodedImage decodeForModel() throws ImageRejectedException {
        return intake.decode(bytes, views);
    }

    @Benchmark
    public float[] resizeToTensor() {
        return views.toChw(decoded.image());
    }

    @Benchmark
    public float[] resizeReducedToTensor() {
        return views.toChw(reduced.image());
    }
}
