package dev.dpiqa.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.event.CloudEvent;
import dev.dpiqa.pipeline.event.EventTypes;
import dev.dpiqa.pipeline.event.QualityEvent;
import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.pipeline.kafka.SourceEvent;
import dev.dpiqa.scoring.QualityScore;
import dev.dpiqa.scoring.Stage;
import dev.dpiqa.scoring.service.QualityReport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
        Map<String, Duration> latency = new LinkedHashMap<>();
        latency.put("fetch", scored.fetch());
        latency.put("score", scored.scoring());
        latency.put("total", total);
        UploadEvent upload = scored.upload();
        return new QualityEvent(upload.assetId(), QualityReport.of(scored.score(), latency), sourceEventId,
                upload.tenant().orElse(null), upload.callback().isEmpty() ? null : upload.callback());
    }

    /** The student's event re-stamped when the teacher did not answer in time. */
    public QualityEvent teacherUnavailable(QualityEvent student, Duration total) {
        QualityReport own = student.quality();
        Map<String, Double> latency = new LinkedHashMap<>(own.latencyMs());
        latency.put("total", QualityReport.millis(total));
        return answer(student, new QualityReport(own.mos(), own.verdict(),
                QualityReport.name(Stage.STUDENT_TEACHER_UNAVAILABLE), own.model(), own.mos(), latency, null, null));
    }

    /** The teacher's final verdict on a borderline upload, keeping the student's MOS and latencies beside it. */
    public QualityEvent teacher(QualityScore teacher, QualityEvent student, Duration teacherTime, Duration total) {
        QualityReport decided = QualityReport.of(teacher.withStage(Stage.TEACHER), Map.of());
        Map<String, Double> latency = new LinkedHashMap<>(student.quality().latencyMs());
        latency.put("teacher", QualityReport.millis(teacherTime));
        latency.put("total", QualityReport.millis(total));
        return answer(student, new QualityReport(decided.mos(), decided.verdict(), decided.stage(), decided.model(),
                student.quality().mos(), latency, null, null));
    }

    private static QualityEvent answer(QualityEvent student, QualityReport quality) {
        return new QualityEvent(student.assetId(), quality, student.sourceEventId(), student.tenant(),
                student.callback());
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
}
