package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
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

    /** Refused by Quarkus's HTTP layer before any decoding; a bare 413, below where problem JSON is written. */
    @Test
    void oversizedBodiesAreRefusedBeforeDecoding() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_TWO)
                .multiPart("image", "big.png", new byte[128 * 1024], "image/png")
                .when().post("/v1/score")
                .then().statusCode(413);
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
