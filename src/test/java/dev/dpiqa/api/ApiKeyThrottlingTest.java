package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/**
 * Unknown API keys are throttled per client address: after the burst of failures, the address gets 429 with
 * Retry-After before its key is looked at, while other addresses go on. Addresses come from X-Forwarded-For (proxy
 * forwarding on, as behind an ingress); the ones used are documentation ranges, only header text.
 */
@QuarkusTest
@TestProfile(ApiKeyThrottlingTest.Profile.class)
class ApiKeyThrottlingTest {

    private static final String GUESSER = "203.0.113.7";
    private static final String OTHER = "198.51.100.9";
    private static final int BURST = 3;

    /** Three failures per address, refilled so slowly that the fourth attempt always waits. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dpiqa.api.auth.failure-limit.burst", String.valueOf(BURST),
                    "dpiqa.api.auth.failure-limit.per-minute", "0.01",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.enable-forwarded-for", "true");
        }
    }

    @Test
    void repeatedBadKeysGet429BeforeTheKeyIsCheckedWhileOtherAddressesGoOnAndNoKeyIsLogged() {
        try (ErrorLog log = ErrorLog.open()) {
            for (int i = 0; i < BURST; i++) {
                given().header("X-Forwarded-For", GUESSER).header("X-API-Key", "guess-" + i)
                        .when().get("/v1/probe")
                        .then().statusCode(401).body("detail", equalTo("unknown API key"));
            }
            given().header("X-Forwarded-For", GUESSER).header("X-API-Key", "guess-" + BURST)
                    .when().get("/v1/probe")
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", Integer::parseInt, greaterThan(0))
                    .body("type", equalTo("urn:dpiqa:problem:auth-throttled"))
                    .body("reason", equalTo("AUTH_THROTTLED"));
            // refused before the key is checked: even a good key, and a bearer token, from that address
            given().header("X-Forwarded-For", GUESSER).header("X-API-Key", ApiTestKeys.CLIENT_ONE)
                    .when().get("/v1/probe").then().statusCode(429);
            given().header("X-Forwarded-For", GUESSER).auth().oauth2("guess-bearer")
                    .when().get("/v1/probe").then().statusCode(429);

            given().header("X-Forwarded-For", OTHER).header("X-API-Key", ApiTestKeys.CLIENT_ONE)
                    .when().get("/v1/probe").then().statusCode(200).body(equalTo("client-one"));
            given().header("X-Forwarded-For", OTHER).header("X-API-Key", "guess-elsewhere")
                    .when().get("/v1/probe").then().statusCode(401);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(log.messages()).filteredOn(line -> line.startsWith("401 for " + GUESSER + " on /v1/probe"))
                        .hasSize(BURST);
                assertThat(log.messages()).filteredOn(line -> line.startsWith("429 for " + GUESSER + " on /v1/probe"))
                        .hasSize(3);
                assertThat(log.messages()).filteredOn(line -> line.startsWith("401 for " + OTHER)).hasSize(1);
            });
            assertThat(log.messages()).filteredOn(line -> line.startsWith("429 for " + GUESSER))
                    .allMatch(line -> line.contains("too many failed API keys"));
            assertThat(String.join("\n", log.messages()))
                    .doesNotContain("guess-").doesNotContain(ApiTestKeys.CLIENT_ONE);
        }
    }
}
