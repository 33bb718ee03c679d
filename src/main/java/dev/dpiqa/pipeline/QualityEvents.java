package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.Stage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds {@code image-quality} events. */
public final class QualityEvents {

    private final ObjectMapper json;

    public QualityEvents(ObjectMapper json) {
        this.json = json;
    }

    /** The student's verdict on an upload, with its own latencies; {@code total} runs from consuming the upload. */
    public QualityEvent student(ScoredUpload scored, String sourceEventId, Duration total) {
        Map<String, Double> latency = new LinkedHashMap<>();
        latency.put("fetch", millis(scored.fetch()));
        latency.put("score", millis(scored.scoring()));
        latency.put("total", millis(total));
        QualityScore score = scored.score();
        UploadEvent upload = scored.upload();
        return new QualityEvent(upload.assetId(), round(score.mos()), verdictName(score), stageName(score.stage()),
                new QualityEvent.ModelRef(score.model().name(), score.model().version()), null, latency,
                sourceEventId, upload.tenant().orElse(null), upload.callback().isEmpty() ? null : upload.callback());
    }

    /** The student's event re-stamped when the teacher did not answer in time. */
    public QualityEvent teacherUnavailable(QualityEvent student, Duration total) {
        Map<String, Double> latency = new LinkedHashMap<>(student.latencyMs());
        latency.put("total", millis(total));
        return new QualityEvent(student.assetId(), student.score(), student.verdict(),
                stageName(Stage.STUDENT_TEACHER_UNAVAILABLE), student.model(), student.score(), latency,
                student.sourceEventId(), student.tenant(), student.callback());
    }

    /** The teacher's final verdict on a borderline upload, keeping the student's score and latencies beside it. */
    public QualityEvent teacher(QualityScore teacher, QualityEvent student, Duration teacherTime, Duration total) {
        Map<String, Double> latency = new LinkedHashMap<>(student.latencyMs());
        latency.put("teacher", millis(teacherTime));
        latency.put("total", millis(total));
        return new QualityEvent(student.assetId(), round(teacher.mos()), verdictName(teacher), stageName(Stage.TEACHER),
                new QualityEvent.ModelRef(teacher.model().name(), teacher.model().version()), student.score(),
                latency, student.sourceEventId(), student.tenant(), student.callback());
    }

    /**
     * The envelope of the answer to {@code source}. Its id derives from the upload's, so the teacher's answer and a
     * student fallback for the same upload share one id and downstream consumers that are idempotent by id see one
     * event.
     */
    public CloudEvent envelope(QualityEvent data, SourceEvent source) {
        return new CloudEvent(answerId(source, "quality"), EventTypes.SOURCE, EventTypes.IMAGE_QUALITY,
                Optional.of(Instant.now()), Optional.of(data.assetId()), json.valueToTree(data));
    }

    public ObjectMapper json() {
        return json;
    }

    public QualityEvent read(com.fasterxml.jackson.databind.JsonNode data) {
        return json.convertValue(data, QualityEvent.class);
    }

    /** A stable id for our answer of kind {@code kind} to event {@code source}. */
    public static String answerId(SourceEvent source, String kind) {
        return UUID.nameUUIDFromBytes((kind + ":" + source.key()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String stageName(Stage stage) {
        return stage.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String verdictName(QualityScore score) {
        return score.verdict().name().toLowerCase(Locale.ROOT);
    }

    private static double millis(Duration duration) {
        return Math.round(duration.toNanos() / 1e4) / 100.0;
    }

    /** Two decimals: more would claim a precision no MOS has. */
    private static double round(double mos) {
        return Math.round(mos * 100) / 100.0;
    }
}
