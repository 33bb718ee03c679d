package dev.dpiqa.redistill;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Re-distillation of the student: when it runs, how it trains, and what it must prove to be promoted. */
@ConfigMapping(prefix = "dpiqa.distill")
public interface DistillConfig {

    /** Quartz cron of in-service runs (e.g. {@code 0 0 3 * * ?}); {@code off} leaves it to the CLI and the CronJob. */
    @WithDefault("off")
    String cron();

    /** Passes over the training images. */
    @WithDefault("5")
    int epochs();

    /** Images per optimiser step; bounds the memory a step needs. */
    @WithDefault("16")
    int batchSize();

    /** Adam's step size: small, the student is fine-tuned, not retrained. */
    @WithDefault("0.0001")
    float learningRate();

    /** λ of the quality-map term (MSE to the teacher's map); needs a teacher. */
    @WithDefault("1.0")
    float mapWeight();

    /** Shuffling seed, recorded in the lineage. */
    @WithDefault("0")
    long seed();

    /** Share of labelled assets (by a hash of the asset id, stable across runs) held out for the gate. */
    @WithDefault("0.2")
    double heldFraction();

    /** Fewest held-out images a gate decision may rest on; fewer fails the run. */
    @WithDefault("10")
    int minHeld();

    /** Most labelled images a run trains on (the newest); bounds its time. */
    @WithDefault("5000")
    int maxLabelled();

    /** The candidate may be this much below the serving student's held-out SRCC and still be promoted. */
    @WithDefault("0.01")
    double maxSrccDrop();

    /** The same for PLCC. */
    @WithDefault("0.02")
    double maxPlccDrop();

    /** Where the temporary sample file goes (it holds every training image at the input size); default: tmpdir. */
    Optional<Path> workDir();

    Unlabelled unlabelled();

    interface Unlabelled {
        /** Recent uploads sampled for teacher soft targets; 0 trains on labels only. */
        @WithDefault("256")
        int max();

        /** How far back in the uploads topic they are sampled from. */
        @WithDefault("24h")
        Duration window();
    }
}
