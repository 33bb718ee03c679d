package dev.dpiqa.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of model files, streamed so a multi-GB teacher never sits in the heap. */
public final class Checksums {

    private static final int BUFFER_BYTES = 1 << 16;

    private Checksums() {
    }

    /** Lower-case hex sha256 of the file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lower-case hex sha256 of bytes already read, so what is checked is what is then loaded. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    /** Throws {@link ChecksumMismatchException} unless the file's sha256 equals {@code expectedHex} (any case). */
    public static void verify(Path file, String expectedHex) throws ModelLoadException {
        String actual;
        try {
            actual = sha256(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + file + " to verify its sha256", e);
        }
        if (!actual.equalsIgnoreCase(expectedHex)) {
            throw new ChecksumMismatchException(file, expectedHex, actual);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
