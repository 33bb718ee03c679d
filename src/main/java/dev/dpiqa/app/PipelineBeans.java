package dev.dpiqa.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.pipeline.ImageSource;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.PipelineExecutor;
import dev.dpiqa.pipeline.PipelineMetrics;
import dev.dpiqa.pipeline.PipelineTracing;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.UploadProcessor;
import dev.dpiqa.pipeline.cascade.BorderlineHandover;
import dev.dpiqa.pipeline.cascade.BorderlineWatch;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordHandling;
import dev.dpiqa.pipeline.uploads.UploadHandler;
import dev.dpiqa.scoring.VerdictPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;

/** Wires the pipeline's plain classes from configuration; the consumers are the only CDI-aware parts. */
public class PipelineBeans {

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
    BorderlineHandover borderlineHandover(BorderlineWatch watch, EventPublisher publisher, QualityEvents events,
                                          PipelineMetrics metrics, PipelineTracing tracing, PipelineConfig config) {
        return new BorderlineHandover(watch, publisher, events, metrics, tracing, config.cascade().deadline());
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
    RecordHandling recordHandling(CloudEventCodec codec, EventPublisher publisher, ProcessedLedger ledger,
                                  PipelineMetrics metrics) {
        return new RecordHandling(codec, publisher, ledger, metrics);
    }

    @Produces
    @Singleton
    UploadHandler uploadHandler(RecordHandling handling, UploadProcessor processor, EventPublisher publisher,
                                ProcessedLedger ledger, BorderlineHandover handover, QualityEvents events,
                                VerdictPolicy policy, PipelineConfig config, PipelineMetrics metrics,
                                PipelineTracing tracing) {
        return new UploadHandler(handling, processor, publisher, ledger, handover, events, policy, config, metrics,
                tracing);
    }
}
