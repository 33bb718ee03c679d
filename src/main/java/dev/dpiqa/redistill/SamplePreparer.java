package dev.dpiqa.redistill;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.dpiqa.fetch.FetchException;
import dev.dpiqa.fetch.SafeImageFetcher;
import dev.dpiqa.image.ImageIntake;
import dev.dpiqa.image.ImageRejectedException;
import dev.dpiqa.model.ModelManifest;
import dev.dpiqa.model.ModelOutput;
import dev.dpiqa.model.QualityModel;
import dev.dpiqa.scoring.service.DecodedUpload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns images into {@link TrainingSample}s with the serving preprocessing (SSRF-guarded fetch, intake decoding as
 * small as the student's manifest allows, resize to each model's manifest size), a few at a time so that only one chunk of decoded images is in memory; the teacher
 * scores each chunk in one batch. An image that cannot be used is skipped with its reason, never silently.
 */
public final class SamplePreparer {

    /** An image to prepare; {@code label} on the [0,1] scale, NaN when unlabelled. */
    public record Pending(String assetId, String imageUri, float label) {
    }

    /** An image left out, and why (e.g. {@code FETCH_NOT_FOUND}, {@code IMAGE_CORRUPT}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Skipped(String assetId, String reason, String detail) {
    }

    private record Decoded(Pending pending, DecodedUpload tensor) {
    }

    private final SafeImageFetcher fetcher;
    private final ImageIntake intake;
    private final ModelManifest student;
    private final Optional<QualityModel> teacher;
    private final int chunk;

    public SamplePreparer(SafeImageFetcher fetcher, ImageIntake intake, ModelManifest student,
                          Optional<QualityModel> teacher, int chunk) {
        this.fetcher = fetcher;
        this.intake = intake;
        this.student = student;
        this.teacher = teacher;
        this.chunk = chunk;
    }

    /** Adds every usable image to {@code store}, with the teacher's targets when {@code withTeacher}. */
    public List<Skipped> prepare(List<Pending> images, SampleStore store, boolean withTeacher) {
        List<Skipped> skipped = new ArrayList<>();
        for (int from = 0; from < images.size(); from += chunk) {
            List<Decoded> decoded = new ArrayList<>();
            for (Pending pending : images.subList(from, Math.min(images.size(), from + chunk))) {
                decode(pending, skipped).ifPresent(decoded::add);
            }
            List<ModelOutput> targets = withTeacher && teacher.isPresent() && !decoded.isEmpty()
                    ? teacher.get().predict(decoded.stream().map(d -> teacherInput(d.tensor())).toList()) : null;
            for (int i = 0; i < decoded.size(); i++) {
                float[] input = decoded.get(i).tensor().chw(student.modelViews());
                float label = decoded.get(i).pending().label();
                store.add(targets == null ? new TrainingSample(input, label, Float.NaN, null)
                        : new TrainingSample(input, label, targets.get(i).score01(), map(targets.get(i))));
            }
        }
        return skipped;
    }

    /** The teacher's map is a target only when it has the student's shape; its score always is. */
    private float[] map(ModelOutput target) {
        return target.qmap().length == student.qmapLength() ? target.qmap() : null;
    }

    private float[] teacherInput(DecodedUpload tensor) {
        return tensor.chw(teacher.orElseThrow().manifest().modelViews());
    }

    private Optional<Decoded> decode(Pending pending, List<Skipped> skipped) {
        try {
            byte[] bytes = fetcher.fetch(pending.imageUri()).bytes();
            return Optional.of(new Decoded(pending, DecodedUpload.decode(bytes, intake, student.modelViews())));
        } catch (FetchException e) {
            skipped.add(new Skipped(pending.assetId(), "FETCH_" + e.reason().name(), e.getMessage()));
        } catch (ImageRejectedException e) {
            skipped.add(new Skipped(pending.assetId(), "IMAGE_" + e.reason().name(), e.getMessage()));
        }
        return Optional.empty();
    }
}
