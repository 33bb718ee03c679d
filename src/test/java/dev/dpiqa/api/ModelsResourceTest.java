package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class ModelsResourceTest {

    @Test
    void listsEveryVersionWithRoleInputAndChecksums() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).queryParam("verify", true)
                .when().get("/v1/models")
                .then().statusCode(200)
                .body("models.name", contains("fixture_student", "fixture_student", "fixture_student_views",
                        "fixture_teacher", "fixture_teacher_96"))
                .body("models.version", contains("1.0.0", "1.1.0", "1.0.0", "1.0.0", "1.0.0"))
                .body("models.role", contains("STUDENT", "STUDENT", "STUDENT", "TEACHER", "TEACHER"))
                .body("models[0].input", contains(64, 64))
                .body("models[4].input", contains(96, 96))
                .body("models.sha256_verified", everyItem(equalTo(true)))
                .body("models.engine", contains("onnxruntime", "onnxruntime", "onnxruntime", "pytorch", "pytorch"))
                .body("models[3].engines", contains("pytorch"))
                .body("problems.size()", equalTo(0));
    }

    @Test
    void readinessTurnsUpOnceTheModelsServe() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.data.student", hasItems("fixture_student/1.1.0")));
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/models")
                .then().body("models.serving", contains(false, true, false, true, false));
    }

    @Test
    void listsOneModelsVersionsAndAnswers404ForAnUnknownOne() {
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/models/fixture_student")
                .then().statusCode(200)
                .body("name", equalTo("fixture_student"))
                .body("versions.version", contains("1.0.0", "1.1.0"))
                .body("versions.name", everyItem(equalTo("fixture_student")));
        given().header("X-API-Key", ApiTestKeys.CLIENT_ONE).when().get("/v1/models/no_such_model")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no valid version of a model named 'no_such_model'"));
    }

    @Test
    void needsAKey() {
        given().when().get("/v1/models").then().statusCode(401);
    }
}
