package dev.dpiqa.pipeline;

import dev.dpiqa.pipeline.event.UploadEvent;
import dev.dpiqa.scoring.QualityScore;

import java.time.Duration;

/** An upload the student scored, with what each step took. */
public record ScoredUpload(UploadEvent upload, QualityScore score, Duration fetch, Duration scoring) {
}
