package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.scoring.VerdictPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Wires the pipeline's plain classes from configuration; the consumers are the only CDI-aware parts. */
public class PipelineBeans {

    /** Fetching and decoding; its size bounds how many images a consumer holds in memory. */
    public static final class PipelineExecutor {
        private final ExecutorService executor;

        public ExecutorService executor() {
            return executor;
        }

        PipelineExecutor(int threads) {
            AtomicInteger n = new AtomicInteger();
            this.executor = Executors.newFixedThreadPool(threads, r -> {
                Thread thread = new Thread(r, "dpiqa-pipeline-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    @Produces
    @Singleton
    PipelineExecutor executor(PipelineConfig config) {
        return new PipelineExecutor(config.concurrency());
    }

    void close(@Disposes PipelineExecutor executor) {
        executor.executor().shutdown();
    }

    @Produces
    @Singleton
    CloudEventCodec codec(ObjectMapper json) {
        return new CloudEventCodec(json);
    }

    @Produces
    @Singleton
    ProcessedLedger ledger(@Identifier("default-kafka-broker") Map<String, Object> kafka, PipelineConfig config) {
        PipelineConfig.Topics topics = config.topics();
        return new ProcessedLedger(kafka, Set.of(topics.quality(), topics.deadLetter(), topics.thumbnailSelected()),
                topics.retry(), config.dedup().window(), config.dedup().capacity());
    }

    void close(@Disposes ProcessedLedger ledger) {
        ledger.close();
    }

    @Produces
    @Singleton
    BorderlineWatch borderlineWatch(ProcessedLedger ledger, PipelineConfig config) {
        return new BorderlineWatch(ledger, config.cascade().grace());
    }

    void close(@Disposes BorderlineWatch watch) {
        watch.close();
    }

    @Produces
    @Singleton
    PipelineMetrics metrics(MeterRegistry registry) {
        return new PipelineMetrics(registry);
    }

    @Produces
    @Singleton
    QualityEvents qualityEvents(ObjectMapper json) {
        return new QualityEvents(json);
    }

    @Produces
    @Singleton
    ImageSource imageSource(SafeImageFetcher fetcher, PipelineConfig config) {
        return new ImageSource(fetcher.withFileUris(config.fileUris()));
    }

    @Produces
    @Singleton
    UploadProcessor uploadProcessor(ImageSource images, PipelineExecutor executor, PipelineConfig config) {
        return new UploadProcessor(images, executor.executor(), config.maxInlineBytes());
    }

    @Produces
    @Singleton
    UploadHandler uploadHandler(CloudEventCodec codec, UploadProcessor processor, EventPublisher publisher,
                                ProcessedLedger ledger, BorderlineWatch watch, QualityEvents events,
                                VerdictPolicy policy, PipelineConfig config, PipelineMetrics metrics,
                                ObjectMapper json, PipelineTracing tracing) {
        return new UploadHandler(codec, processor, publisher, ledger, watch, events, policy, config, metrics, json,
                tracing);
    }
}
