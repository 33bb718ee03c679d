package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** As in the dev and local profiles: no credentials needed, but keys that are sent are still checked. */
@QuarkusTest
@TestProfile(AuthDisabledTest.Profile.class)
class AuthDisabledTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dpiqa.api.auth.enabled", "false");
        }
    }

    @Test
    void letsRequestsWithoutCredentialsInAsTheLocalUser() {
        given().when().get("/v1/probe").then().statusCode(200).body(equalTo("local"));
    }

    @Test
    void stillChecksKeysThatAreSent() {
        given().header("X-API-Key", "wrong").when().get("/v1/probe").then().statusCode(401);
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/probe")
                .then().statusCode(200).body(equalTo("client-one"));
    }
}
