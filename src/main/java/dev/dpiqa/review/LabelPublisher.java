package dev.dpiqa.review;

import dev.dpiqa.redistill.LabelledImage;

import java.util.concurrent.CompletableFuture;

/** Where decided labels go: the labels topic that re-distillation reads. */
@FunctionalInterface
public interface LabelPublisher {

    /** Completes when the label is durably written. */
    CompletableFuture<Void> publish(String eventId, LabelledImage label);
}
