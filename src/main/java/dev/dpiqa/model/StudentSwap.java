package dev.dpiqa.model;

import java.util.Optional;

/**
 * Puts another version of the student into service in this process: all that re-distillation and model-update
 * events need of the serving side, so they do not depend on how serving loads and runs its models.
 */
public interface StudentSwap {

    /**
     * Serves {@code next} as the student from now on (a promotion or rollback); batches in flight finish on the
     * version they started with.
     *
     * @return the version it replaced, empty when nothing was serving or {@code next} already was
     * @throws ModelLoadException if {@code next} is refused; the current version keeps serving
     */
    Optional<ModelManifest> swapStudent(CachedModel next) throws ModelLoadException;
}
