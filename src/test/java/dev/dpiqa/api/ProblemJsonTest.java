package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ProblemJsonTest {

    @ParameterizedTest
    @CsvSource({"EMPTY,400", "UNSUPPORTED_TYPE,415", "CORRUPT,422", "TOO_MANY_BYTES,413", "TOO_MANY_PIXELS,413"})
    void imageRejectionsCarryTheirReason(String reason, int status) {
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/probe/reject/" + reason)
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:dpiqa:problem:image-rejected"))
                .body("reason", equalTo(reason))
                .body("detail", equalTo("rejected for the test"))
                .body("instance", equalTo("/v1/probe/reject/" + reason));
    }

    @Test
    void unknownPathsAreProblemsToo() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}
