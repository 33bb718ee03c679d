package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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

    /** A bug is logged as an error and answered 500 without its message, which may say more than a client should. */
    @Test
    void unexpectedFailuresAreLoggedAndAnsweredAsInternalErrors() {
        try (ErrorLog log = ErrorLog.open()) {
            given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/probe/fail")
                    .then().statusCode(500)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:dpiqa:problem:internal-error"))
                    .body("detail", equalTo("the error has been logged"));
            assertThat(log.errors()).anySatisfy(line -> assertThat(line).contains("ProblemMappers", "unhandled error"));
        }
    }

    @Test
    void unknownPathsAreProblemsToo() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}
