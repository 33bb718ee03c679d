package dev.dpiqa.redistill;

import dev.dpiqa.model.ModelManifest;

/** Tells every running instance which student version to serve (the {@code model-updates} topic). */
@FunctionalInterface
public interface ModelAnnouncer {

    /** A re-distilled version passed the gate. */
    String PROMOTED = "promoted";
    /** The newest version was retired and the one before it serves again. */
    String ROLLED_BACK = "rolled-back";

    /** Where there is no broker (the CLI reading a labels CSV): instances see the version when they next start. */
    ModelAnnouncer NONE = (action, serving, replaced) -> false;

    /**
     * Returns once the announcement is durable, or throws.
     *
     * @param action   {@link #PROMOTED} or {@link #ROLLED_BACK}
     * @param serving  the version to serve from now on
     * @param replaced the version it replaces
     * @return whether it was announced; false for {@link #NONE}
     */
    boolean announce(String action, ModelManifest serving, ModelManifest replaced);
}
