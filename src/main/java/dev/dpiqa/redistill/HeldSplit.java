package dev.dpiqa.redistill;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which labelled assets are held out for the promotion gate: a fixed fraction chosen by a hash of the asset id, so
 * an asset stays on the same side in every run and no model is ever gated on images it was trained on.
 */
public final class HeldSplit {

    private static final int BUCKETS = 10_000;

    private final double fraction;

    public HeldSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + fraction);
        }
        this.fraction = fraction;
    }

    public boolean isHeld(String assetId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(assetId.getBytes(StandardCharsets.UTF_8));
            long bucket = Math.floorMod(ByteBuffer.wrap(digest).getLong(), BUCKETS);
            return bucket < fraction * BUCKETS;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
