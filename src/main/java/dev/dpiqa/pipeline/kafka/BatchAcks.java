package dev.dpiqa.pipeline.kafka;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;

/** How every consumer ends a batch: commit it once its work has settled, or fail the channel so it is redelivered. */
public final class BatchAcks {

    private static final Logger LOG = Logger.getLogger(BatchAcks.class);

    private BatchAcks() {
    }

    /**
     * A failure here is never an event's fault (those are answered or dead-lettered) but the model's or the
     * broker's: the nack fails the channel, the instance turns unhealthy and restarts, and the uncommitted batch
     * is redelivered.
     */
    public static void whenSettled(KafkaRecordBatch<?, ?> batch, CompletableFuture<?> settled, String what) {
        settled.whenComplete((ok, failure) -> {
            if (failure == null) {
                batch.ack();
            } else {
                LOG.errorf(failure, "a batch of %d %s failed; it will be redelivered", batch.getRecords().size(), what);
                batch.nack(failure);
            }
        });
    }
}
