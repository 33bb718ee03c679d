package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

@QuarkusTest
@TestProfile(RequestLimitsTest.Profile.class)
class RequestLimitsTest {

    /** Two requests per client, refilled so slowly that the third always waits; bodies up to 64 KiB. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dpiqa.api.rate-limit.burst", "2", "dpiqa.api.rate-limit.requests-per-second", "0.01",
                    "quarkus.http.limits.max-body-size", "64K");
        }
    }

    /** Refused on the declared length before any byte is read or decoded, with problem JSON naming the limit. */
    @Test
    void oversizedBodiesAreRefusedBeforeDecodingWithProblemJson() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_TWO)
                .contentType("multipart/form-data; boundary=b")
                .body(new byte[128 * 1024]) // sent with its Content-Length, as curl -F and browsers send uploads
                .when().post("/v1/score")
                .then().statusCode(413)
                .header("Connection", "close")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:dpiqa:problem:body-too-large"))
                .body("reason", equalTo("TOO_MANY_BYTES"))
                .body("instance", equalTo("/v1/score"))
                .body("detail", containsString("at most 65536"));
    }

    /**
     * A chunked upload declares no length: Quarkus counts its bytes as they arrive and refuses it (bare 413). A
     * client's mistake, so nothing is logged as an error.
     */
    @Test
    void oversizedChunkedBodiesAreRefusedTooWithoutLoggingAnError() {
        try (ErrorLog log = ErrorLog.open()) {
            given().header("X-API-Key", ApiTestKeys.CLIENT_THREE)
                    .multiPart("image", "big.png", new byte[128 * 1024], "image/png")
                    .when().post("/v1/score")
                    .then().statusCode(413);
            // The server finishes the request after the client has its answer: give it time to log.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> log.errors().isEmpty());
        }
    }

    @Test
    void answers429WithRetryAfterOnceAClientsBucketIsEmpty() {
        for (int i = 0; i < 2; i++) {
            given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/probe").then().statusCode(200);
        }
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/probe")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, both(greaterThan(50)).and(lessThanOrEqualTo(100)))
                .body("type", equalTo("urn:dpiqa:problem:rate-limited"));

        // Another client has its own bucket.
        given().header("X-API-Key", ApiTestKeys.CLIENT_THREE).when().get("/v1/probe").then().statusCode(200);
    }
}
