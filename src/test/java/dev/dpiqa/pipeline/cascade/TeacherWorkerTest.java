package dev.dpiqa.pipeline.cascade;

import dev.dpiqa.model.ModelId;
import dev.dpiqa.pipeline.EventSchemas;
import dev.dpiqa.pipeline.FakeScorer;
import dev.dpiqa.pipeline.PipelineParts;
import dev.dpiqa.pipeline.ScoredUpload;
import dev.dpiqa.pipeline.UploadCorpus;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.pipeline.kafka.InboundRecord;
import dev.dpiqa.pipeline.kafka.PipelineHeaders;
import dev.dpiqa.pipeline.kafka.ProcessedLedger;
import dev.dpiqa.pipeline.kafka.RecordingEmitter;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.Stage;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Borderline requests as a student hands them over ({@link BorderlineHandover}), answered by the worker's flow. */
class TeacherWorkerTest {

    private final PipelineParts parts = new PipelineParts(Map.of());
    private final BorderlineWatch watch = new BorderlineWatch(parts.ledger, Duration.ofHours(1));
    /** No engine: the tests hand the flow its scoring service. */
    private final TeacherWorker worker = new TeacherWorker(parts.handling, parts.processor, parts.recording.publisher,
            parts.ledger, parts.events, null, parts.config, parts.metrics, parts.tracing);
    private final CloudEvent upload = UploadCorpus.upload("u1",
            UploadCorpus.inline("asset-u1", UploadCorpus.picture(2, "png")));

    @AfterEach
    void close() {
        watch.close();
        parts.close();
    }

    /** What a student writes for {@link #upload} when it scores 42 and gives the teachers {@code deadline}. */
    private InboundRecord handedOver(Duration deadline) throws Exception {
        QualityScore score = new QualityScore(42, FakeScorer.POLICY.verdictFor(42), Stage.STUDENT,
                new ModelId("fake_student", "1.0.0"), Optional.empty(), Duration.ZERO);
        QualityEvent student = parts.events.student(new ScoredUpload(UploadEvent.from(upload.data(), 1 << 20), score,
                Duration.ZERO, Duration.ZERO), upload.id(), Duration.ofMillis(30));
        new BorderlineHandover(watch, parts.recording.publisher, parts.events, parts.metrics, parts.tracing, deadline)
                .handOver(SourceEvent.of(upload).key(), upload, student, Span.getInvalid(),
                        () -> CompletableFuture.completedFuture(null)).written().join();
        RecordingEmitter.Sent sent = parts.recording.borderline.sent().get(0);
        return parts.record(sent.value(), sent.headers(), "image-quality-borderline", 1);
    }

    private void handle(InboundRecord record, double teacherMos) throws Exception {
        parts.handling.handle(record, worker.flow(FakeScorer.teacher(teacherMos))).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theTeachersVerdictAnswersTheUploadBesideTheStudentsScore() throws Exception {
        handle(handedOver(Duration.ofSeconds(10)), 70);

        RecordingEmitter.Sent sent = parts.recording.quality.sent().get(0);
        CloudEvent answer = parts.read(sent);
        EventSchemas.assertValid("image-quality", answer.data());
        assertThat(answer.data().path("stage").asText()).isEqualTo("teacher");
        assertThat(answer.data().path("verdict").asText()).isEqualTo("accept");
        assertThat(answer.data().path("student_mos").asDouble()).isEqualTo(42);
        assertThat(SourceEvent.readFrom(sent.headers())).contains(SourceEvent.of(upload));
        assertThat(parts.ledger.progress(SourceEvent.of(upload).key())).isEqualTo(ProcessedLedger.FINAL);
    }

    @Test
    void aRequestPastItsDeadlineIsLeftToTheStudentsFallback() throws Exception {
        InboundRecord late = handedOver(Duration.ofMillis(1));
        Thread.sleep(20);

        handle(late, 70);

        assertThat(parts.recording.quality.sent()).isEmpty();
        assertThat(parts.recording.deadLetter.sent()).isEmpty();
    }

    @Test
    void anUploadAnsweredBeforeIsNotAnsweredAgain() throws Exception {
        InboundRecord request = handedOver(Duration.ofSeconds(10));
        parts.ledger.mark(SourceEvent.of(upload).key(), ProcessedLedger.FINAL);

        handle(request, 70);

        assertThat(parts.recording.quality.sent()).isEmpty();
    }

    @Test
    void aRequestThatNamesNoUploadIsDeadLettered() throws Exception {
        InboundRecord request = handedOver(Duration.ofSeconds(10));
        request.headers().remove(PipelineHeaders.SOURCE_EVENT_ID);

        handle(request, 70);

        assertThat(PipelineHeaders.text(parts.recording.deadLetter.sent().get(0).headers(), PipelineHeaders.REASON))
                .contains("no " + PipelineHeaders.SOURCE_EVENT_ID + " header");
    }
}
