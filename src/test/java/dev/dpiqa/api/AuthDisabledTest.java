package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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

    @Test
    void theConsoleOpensAsTheLocalAdminAndStillWantsItsCsrfTokenForChanges() {
        Response session = given().when().get("/console/api/session");
        session.then().statusCode(200).body("user", equalTo("local")).body("roles", hasItem("admin"))
                .body("auth_enabled", equalTo(false));
        String cookie = session.getCookie("dpiqa_console");
        String decide = "/console/api/queue/some-item/decision";
        given().contentType("application/json").body("{\"mos\": 50}").post(decide).then().statusCode(403);
        given().cookie("dpiqa_console", cookie).contentType("application/json").body("{\"mos\": 50}").post(decide)
                .then().statusCode(403);
        // With its token the request gets through, to be told there is no pipeline here to publish to.
        given().cookie("dpiqa_console", cookie).header("X-CSRF-Token", session.path("csrf_token"))
                .contentType("application/json").body("{\"mos\": 50}").post(decide).then().statusCode(503)
                .body("reason", equalTo("NO_LABELS_TOPIC"));
    }
}
