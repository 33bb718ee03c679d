package dev.dpiqa.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.PipelineConfig;
import dev.dpiqa.pipeline.QualityEvents;
import dev.dpiqa.pipeline.event.CloudEventCodec;
import dev.dpiqa.pipeline.kafka.EventPublisher;
import dev.dpiqa.pipeline.labels.KafkaLabelPublisher;
import dev.dpiqa.pipeline.labels.ReviewFeed;
import dev.dpiqa.review.DecisionDesk;
import dev.dpiqa.review.LabelPublisher;
import dev.dpiqa.review.ReviewConfig;
import dev.dpiqa.review.ReviewQueue;
import dev.dpiqa.review.UploadIndex;
import dev.dpiqa.scoring.VerdictPolicy;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/** Wires the reviewer console's queue and decisions to the pipeline's topics, as DistillBeans does for labels. */
public class ReviewBeans {

    /** (asset, reviewer) decisions remembered to recognise a repeat. */
    private static final int DECISIONS_REMEMBERED = 100_000;
    private static final long MIB = 1024 * 1024;

    @Produces
    @Singleton
    ReviewQueue reviewQueue(ReviewConfig review, VerdictPolicy policy) {
        return new ReviewQueue(review.queue().capacity(), policy);
    }

    @Produces
    @Singleton
    UploadIndex uploadIndex(ReviewConfig review) {
        return new UploadIndex(review.photos().uploadsRemembered(), review.photos().inlineMemoryMib() * MIB);
    }

    @Produces
    @Singleton
    ReviewFeed reviewFeed(@Identifier("default-kafka-broker") Map<String, Object> kafka, ReviewConfig review,
                          PipelineConfig config, CloudEventCodec codec, QualityEvents events, ReviewQueue queue,
                          UploadIndex uploads) {
        return new ReviewFeed(kafka, review.queue().window(), config, codec, events, queue, uploads);
    }

    void close(@Disposes ReviewFeed feed) {
        feed.close();
    }

    /** Decisions are published only where the pipeline runs: the emitter cannot connect to a disabled channel. */
    @Produces
    @Singleton
    DecisionDesk decisionDesk(ReviewQueue queue, UploadIndex uploads, VerdictPolicy policy, PipelineConfig config,
                              Instance<EventPublisher> publisher, ObjectMapper json) {
        Optional<LabelPublisher> labels = config.enabled()
                ? Optional.of(new KafkaLabelPublisher(publisher.get(), json)) : Optional.empty();
        return new DecisionDesk(queue, uploads, policy, labels, DECISIONS_REMEMBERED);
    }
}
