package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class AuthenticationTest {

    @Test
    void refusesRequestsWithoutCredentialsAsProblemJson() {
        given().when().get("/v1/probe")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:dpiqa:problem:unauthorized"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/v1/probe"));
    }

    @Test
    void refusesUnknownKeys() {
        given().header("X-API-Key", "not-a-key").when().get("/v1/probe")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("unknown API key"));
        given().auth().oauth2("not-a-key").when().get("/v1/probe")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void acceptsKeysInEitherHeaderAndNamesTheClient() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/probe")
                .then().statusCode(200).body(equalTo("client-one"));
        given().auth().oauth2(ApiTestKeys.CLIENT_TWO).when().get("/v1/probe")
                .then().statusCode(200).body(equalTo("client-two"));
    }

    @Test
    void probesAndMetricsNeedNoKey() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
