package dev.dpiqa.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dpiqa.image.DecodedImage;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.IntakeLimits;
import dev.dpiqa.image.ModelViews;
import dev.dpiqa.model.CachedModel;
import dev.dpiqa.model.ModelEngine;
import dev.dpiqa.model.ModelLoader;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelRegistry;
import dev.dpiqa.model.ServingModel;
import dev.dpiqa.model.djl.DeviceChoice;
import dev.dpiqa.model.djl.DjlLoaderConfig;
import dev.dpiqa.model.djl.DjlModelLoader;
import dev.dpiqa.model.onnx.OnnxModelLoader;
import dev.dpiqa.scoring.MicroBatchConfig;
import dev.dpiqa.scoring.StudentScorer;
import dev.dpiqa.scoring.VerdictPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Java serving throughput, end to end (a stream of JPEG bytes → decode on a bounded pool, as small as the model's
 * manifest allows → resize → StudentScorer's micro-batches, see {@link EndToEndRun}) against the same loaded model
 * alone (ready-made CHW inputs), in one process so both see the same JIT, engine and machine state. Measurements
 * alternate (model-only, end-to-end) per batch size and repeat, so drift hits both alike. Writes raw images/s
 * samples as JSON; {@code bench/report.py} summarises them. Run by {@code bench/run.sh}. ONNX Runtime runs in two
 * layouts ({@link Layout}); the parallel one's samples are named {@code java_ort_parallel_*}.
 *
 * <p>Arguments: {@code model-dir jpeg-dir out.json threads repeats images-per-sample [engines]}; {@code engines}
 * (default {@code pytorch}) is a comma list of {@code pytorch} and {@code onnxruntime}, each measured in the same
 * interleaved loop; ONNX Runtime's samples are named {@code java_ort_model_only/<batch>} and
 * {@code java_ort_end_to_end/<batch>}.
 */
public final class ServingBench {

    /** The thresholds and band these tests score with. */
    private static final VerdictPolicy POLICY = new VerdictPolicy(40, 60, 5);

    private static final List<Integer> BATCHES = List.of(1, 8);
    private static final int WARMUP_SAMPLES = 2;

    private ServingBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6 && args.length != 7) {
            throw new IllegalArgumentException("usage: model-dir jpeg-dir out.json threads repeats images-per-sample"
                    + " [engines]");
        }
        List<ModelEngine> engines = args.length == 7
                ? Stream.of(args[6].split(",")).map(e -> ModelEngine.parse(e.strip()).orElseThrow(() ->
                        new IllegalArgumentException("unknown engine " + e))).toList()
                : List.of(ModelEngine.PYTORCH);
        Path modelDir = Path.of(args[0]);
        List<Path> jpegFiles = jpegsIn(Path.of(args[1]));
        int threads = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        int imagesPerSample = Integer.parseInt(args[5]);

        CachedModel cached = new CachedModel(ModelManifest.read(modelDir.resolve(ModelRegistry.MANIFEST_FILE)),
                modelDir);
        ModelManifest.InputSpec input = cached.manifest().input();
        ImageIntake intake = new ImageIntake(IntakeLimits.defaults());
        ModelViews views = cached.manifest().modelViews();
        List<byte[]> jpegs = new ArrayList<>();
        List<float[]> inputs = new ArrayList<>();
        for (Path file : jpegFiles) {
            byte[] bytes = Files.readAllBytes(file);
            jpegs.add(bytes);
            inputs.add(views.toChw(intake.decode(bytes, views).image()));
        }
        DecodedImage sample = intake.decode(jpegs.get(0));
        DecodedImage forModel = intake.decode(jpegs.get(0), views);

        ExecutorService requests = Executors.newFixedThreadPool(threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        List<StudentScorer> scorers = new ArrayList<>();
        List<ServingModel> servings = new ArrayList<>();
        Map<String, BatchRun> runs = new LinkedHashMap<>();
        try {
            for (ModelEngine engine : engines) {
                for (Layout layout : Layout.of(engine, threads)) {
                    ServingModel serving = new ServingModel(layout.loader(engine, threads), cached);
                    servings.add(serving);
                    String prefix = (engine == ModelEngine.ONNXRUNTIME ? "java_ort_" : "java_") + layout.prefix();
                    for (int batch : BATCHES) {
                        // Streams are whole batches, so every batch fills to `batch`; the long wait only keeps a
                        // slow decode from splitting one, so both paths run the same batch size. In flight: a batch
                        // per predictor, the next one decoded meanwhile, and one image per decode thread beyond it.
                        StudentScorer scorer = new StudentScorer(serving, POLICY,
                                new MicroBatchConfig(batch, Duration.ofSeconds(10), 64, layout.streams()));
                        scorers.add(scorer);
                        runs.put(prefix + "model_only/" + batch, new ModelOnlyRun(serving, inputs.subList(0, batch),
                                callers, layout.streams()));
                        runs.put(prefix + "end_to_end/" + batch, new EndToEndRun(jpegs, batch, intake, scorer,
                                requests, (layout.streams() + 1) * batch + threads));
                    }
                }
            }
            Map<String, List<Double>> samples = new LinkedHashMap<>();
            for (int i = 0; i < WARMUP_SAMPLES + repeats; i++) {
                for (Map.Entry<String, BatchRun> run : runs.entrySet()) {
                    double imagesPerSecond = measure(run.getValue(), imagesPerSample);
                    if (i >= WARMUP_SAMPLES) {
                        samples.computeIfAbsent(run.getKey(), k -> new ArrayList<>()).add(imagesPerSecond);
                    }
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("model", cached.id().toString());
            result.put("input", input.height() + "x" + input.width());
            result.put("threads", threads);
            result.put("engines", engines.stream().map(ModelEngine::id).toList());
            result.put("repeats", repeats);
            result.put("images_per_sample", imagesPerSample);
            result.put("jpeg", Map.of("count", jpegs.size(), "size", sample.width() + "x" + sample.height(),
                    "mean_bytes", jpegs.stream().mapToInt(b -> b.length).average().orElse(0),
                    "decoded_for_model", forModel.width() + "x" + forModel.height()));
            result.put("images_per_s", samples);
            result.put("peak_rss_mib", peakRssMib()); // the whole process: JVM, engines, images
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[2]).toFile(), result);
        } finally {
            scorers.forEach(StudentScorer::close);
            servings.forEach(ServingModel::close);
            requests.shutdown();
            callers.shutdown();
        }
    }

    /**
     * How the cores are spent: one forward pass at a time on all of them ({@code serial}), or one single-threaded
     * pass per core at once ({@code parallel}, ONNX Runtime's serving default: {@code OnnxModelLoader}). libtorch's
     * threads are process-wide, so DJL runs serial only.
     */
    private record Layout(String prefix, int streams, int threadsPerPass) {

        static List<Layout> of(ModelEngine engine, int threads) {
            Layout serial = new Layout("", 1, threads);
            return engine == ModelEngine.ONNXRUNTIME && threads > 1
                    ? List.of(serial, new Layout("parallel_", threads, 1)) : List.of(serial);
        }

        ModelLoader loader(ModelEngine engine, int threads) {
            return engine == ModelEngine.ONNXRUNTIME ? new OnnxModelLoader(threadsPerPass, streams)
                    : new DjlModelLoader(new DjlLoaderConfig(DeviceChoice.CPU, threads, 1, streams));
        }
    }

    /** VmHWM of /proc/self/status in MiB, -1 where there is none (not Linux). */
    private static double peakRssMib() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Images per second over enough whole batches to score at least {@code images} images. */
    private static double measure(BatchRun run, int images) throws Exception {
        int batches = Math.max(1, (images + run.batchSize() - 1) / run.batchSize());
        long start = System.nanoTime();
        run.run(batches);
        return batches * run.batchSize() / ((System.nanoTime() - start) / 1e9);
    }

    private static List<Path> jpegsIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> jpegs = files.filter(f -> f.toString().toLowerCase().endsWith(".jpg")).sorted().toList();
            if (jpegs.size() < BATCHES.get(BATCHES.size() - 1)) {
                throw new IllegalArgumentException("need at least " + BATCHES.get(BATCHES.size() - 1)
                        + " .jpg files in " + folder + ", found " + jpegs.size());
            }
            return jpegs;
        }
    }
}
