package dev.dpiqa.cli;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.service.ImageScoringService;
import dev.dpiqa.scoring.service.ModeUnavailableException;
import dev.dpiqa.scoring.service.ScoringMode;
import dev.dpiqa.serving.ModelUnavailableException;
import dev.dpiqa.serving.ScoringEngine;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scores many inputs for the CLI, a few at a time so the micro-batcher can fill batches. Every failure becomes an
 * {@link Outcome} with a reason; only unloadable models abort the run.
 */
@ApplicationScoped
class BatchScoring {

    private final ScoringEngine engine;
    private final SafeImageFetcher fetcher;
    private final ImageIntake intake;
    private final CliConfig config;

    BatchScoring(ScoringEngine engine, SafeImageFetcher fetcher, ImageIntake intake, CliConfig config) {
        this.engine = engine;
        this.fetcher = fetcher.withFileUris(config.fileUris());
        this.intake = intake;
        this.config = config;
    }

    /** Receives each outcome, in input order, as soon as it and those before it are done. */
    @FunctionalInterface
    interface OutcomeHandler<T> {
        void accept(int index, Outcome<T> outcome) throws IOException;
    }

    /**
     * What a command makes of one input's bytes on the loaded models. What it throws (the intake refusing the bytes,
     * a mode not deployed here, a {@link CompletionException} from scoring) becomes that input's failure.
     */
    @FunctionalInterface
    interface Job<T> {
        T run(ImageScoringService service, byte[] bytes) throws ImageRejectedException, ModeUnavailableException;
    }

    /**
     * Scores {@code inputs} a few at a time and hands every outcome to {@code handler}, with a progress bar when
     * stderr is a terminal. Returns false, having said why on stderr, when the models cannot be loaded.
     */
    boolean run(List<ImageInputs.Input> inputs, ScoringMode mode, boolean withMap,
                OutcomeHandler<QualityScore> handler) throws IOException {
        return run(inputs, (service, bytes) -> service.score(bytes, mode, withMap).join(), handler);
    }

    /** As {@link #run(List, ScoringMode, boolean, OutcomeHandler)}, with {@code job} in place of one score each. */
    <T> boolean run(List<ImageInputs.Input> inputs, Job<T> job, OutcomeHandler<T> handler) throws IOException {
        ExecutorService executor = Executors.newFixedThreadPool(config.parallelism());
        try (Progress progress = Progress.onStderr(inputs.size())) {
            ImageScoringService service = engine.service();
            List<CompletableFuture<Outcome<T>>> outcomes = inputs.stream()
                    .map(input -> CompletableFuture.supplyAsync(() -> run(job, service, input), executor))
                    .toList();
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome<T> outcome = outcomes.get(i).join();
                handler.accept(i, outcome);
                progress.advance(outcome.ok());
            }
            return true;
        } catch (ModelUnavailableException e) {
            System.err.println(e.getMessage());
            return false;
        } finally {
            executor.shutdownNow();
        }
    }

    private <T> Outcome<T> run(Job<T> job, ImageScoringService service, ImageInputs.Input input) {
        try {
            return Outcome.succeeded(input, job.run(service, read(input)));
        } catch (ImageRejectedException e) {
            return Outcome.failed(input, e.reason().name(), e.getMessage());
        } catch (FetchException e) {
            return Outcome.failed(input, e.reasonLabel(), e.getMessage());
        } catch (ModeUnavailableException e) {
            return Outcome.failed(input, "MODE_UNAVAILABLE", e.getMessage());
        } catch (NoSuchFileException e) {
            return Outcome.failed(input, "NOT_FOUND", "no such file: " + e.getMessage());
        } catch (IOException e) {
            return Outcome.failed(input, "UNREADABLE", e.toString());
        } catch (CompletionException e) {
            return Outcome.failed(input, "SCORING_FAILED", String.valueOf(e.getCause()));
        }
    }

    private byte[] read(ImageInputs.Input input) throws IOException, FetchException {
        if (input.isUri()) {
            return fetcher.fetch(input.label()).bytes();
        }
        try (InputStream in = Files.newInputStream(input.path())) {
            // One byte past the intake limit is enough for it to refuse the file without reading all of it.
            return in.readNBytes((int) Math.min(intake.limits().maxBytes() + 1, Integer.MAX_VALUE - 8));
        }
    }
}
