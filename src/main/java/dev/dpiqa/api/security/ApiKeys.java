package dev.dpiqa.api.security;

import dev.dpiqa.api.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configured API keys, held only as SHA-256 digests so a leaked config does not leak keys. A presented key
 * is hashed and compared to every digest in constant time.
 */
@ApplicationScoped
public class ApiKeys {

    private final Map<String, byte[]> digestsByClient;

    public ApiKeys(ApiConfig config) {
        this.digestsByClient = config.auth().apiKeys().entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> parseDigest(e.getKey(), e.getValue())));
    }

    /** The client a key belongs to, or empty when it matches none. */
    public Optional<String> clientFor(String presentedKey) {
        byte[] digest = sha256(presentedKey);
        String match = null;
        for (Map.Entry<String, byte[]> entry : digestsByClient.entrySet()) {
            // No early exit: the time taken does not tell which client (if any) was close.
            if (MessageDigest.isEqual(digest, entry.getValue())) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] parseDigest(String client, String hex) {
        try {
            byte[] digest = HexFormat.of().parseHex(hex.strip());
            if (digest.length == 32) {
                return digest;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("dpiqa.api.auth.api-keys." + client
                + " must be the 64 hex digits of the key's SHA-256, not the key itself");
    }
}
