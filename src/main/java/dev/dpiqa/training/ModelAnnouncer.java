package dev.dpiqa.training;

import dev.dpiqa.model.ModelManifest;

/** Tells every running instance which student version to serve (the {@code model-updates} topic). */
public interface ModelAnnouncer {

    /** A re-distilled version passed the gate. */
    String PROMOTED = "promoted";
    /** The newest version was retired and the one before it serves again. */
    String ROLLED_BACK = "rolled-back";

    /**
     * Returns once the announcement is durable, or throws.
     *
     * @param action   {@link #PROMOTED} or {@link #ROLLED_BACK}
     * @param serving  the version to serve from now on
     * @param replaced the version it replaces
     */
    void announce(String action, ModelManifest serving, ModelManifest replaced);

    /** False where this instance has no broker (the CLI reading a labels CSV): nothing is announced. */
    boolean available();
}
