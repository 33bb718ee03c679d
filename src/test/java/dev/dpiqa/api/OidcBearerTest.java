package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** OIDC bearer tokens beside API keys, verified offline against a configured public key. */
@QuarkusTest
@TestProfile(OidcBearerTest.Profile.class)
class OidcBearerTest {

    private static final KeyPair KEYS = rsaKeys();

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()));
        }
    }

    @Test
    void acceptsAValidTokenAsItsSubject() throws Exception {
        given().auth().oauth2(token("alice", KEYS, 300)).when().get("/v1/probe")
                .then().statusCode(200).body(equalTo("alice"));
    }

    @Test
    void apiKeysStillWorkAsBearerTokens() {
        given().auth().oauth2(ApiTestKeys.CLIENT_ONE).when().get("/v1/probe")
                .then().statusCode(200).body(equalTo("client-one"));
    }

    @Test
    void refusesExpiredAndForeignTokens() throws Exception {
        given().auth().oauth2(token("alice", KEYS, -600)).when().get("/v1/probe").then().statusCode(401);
        given().auth().oauth2(token("mallory", rsaKeys(), 300)).when().get("/v1/probe").then().statusCode(401);
    }

    /** A compact RS256 JWT, built by hand so the test needs no JWT library. */
    private static String token(String subject, KeyPair keys, long expiresInSeconds) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"iat\":" + (now - 10)
                + ",\"exp\":" + (now + expiresInSeconds) + "}").getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(keys.getPrivate());
        rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + b64.encodeToString(rs256.sign());
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
