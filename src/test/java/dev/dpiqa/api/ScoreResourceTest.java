package dev.dpiqa.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;

/** POST /v1/score against the fixture TorchScript models through the real intake, resizer and DJL. */
@QuarkusTest
class ScoreResourceTest {

    private static final byte[] PNG = TestPictures.png(120, 90);

    @Test
    void scoresAnUploadWithTheNewestStudent() {
        authorized().multiPart("image", "photo.png", PNG, "image/png")
                .when().post("/v1/score")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("mos", both(greaterThanOrEqualTo(0f)).and(lessThanOrEqualTo(100f)))
                .body("verdict", oneOf("reject", "review", "accept"))
                .body("stage", equalTo("student"))
                .body("model.name", equalTo("fixture_student"))
                .body("model.version", equalTo("1.1.0"))
                .body("quality_map", nullValue());
    }

    @Test
    void teacherModeAndHeatmapOnRequest() throws Exception {
        String map = authorized().multiPart("image", "photo.png", PNG, "image/png")
                .queryParam("mode", "teacher").queryParam("map", true)
                .when().post("/v1/score")
                .then().statusCode(200)
                .body("stage", equalTo("teacher"))
                .body("model.name", equalTo("fixture_teacher"))
                .extract().path("quality_map");
        assertThat(map).startsWith("data:image/png;base64,");
        byte[] png = Base64.getDecoder().decode(map.substring("data:image/png;base64,".length()));
        var heatmap = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(heatmap.getWidth()).isEqualTo(64);
    }

    @Test
    void overlayIsThePhotoAtItsOwnSizeWithTheMapOverIt() throws Exception {
        String body = authorized().multiPart("image", "photo.png", PNG, "image/png").queryParam("overlay", true)
                .when().post("/v1/score")
                .then().statusCode(200)
                .body("quality_map", nullValue())
                .extract().asString();
        JsonNode report = new ObjectMapper().readTree(body);
        EventSchemas.assertValid("quality-report", report);
        String overlay = report.path("quality_overlay").asText();
        assertThat(overlay).startsWith("data:image/png;base64,");
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                overlay.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isEqualTo(120);
        assertThat(image.getHeight()).isEqualTo(90);
    }

    @Test
    void cascadeReportsWhichModelDecided() {
        authorized().multiPart("image", "photo.png", PNG, "image/png").multiPart("mode", "cascade")
                .when().post("/v1/score")
                .then().statusCode(200)
                .body("stage", oneOf("student", "teacher"));
    }

    @Test
    void zeroByteUploadIsAProblem() {
        authorized().multiPart("image", "empty.png", new byte[0], "image/png")
                .when().post("/v1/score")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("reason", equalTo("EMPTY"))
                .body("instance", equalTo("/v1/score"));
    }

    @Test
    void htmlNamedLikeAnImageIsRefusedByItsBytes() {
        byte[] html = "<!DOCTYPE html><html><body>not a photo</body></html>".getBytes(StandardCharsets.UTF_8);
        authorized().multiPart("image", "photo.jpg", html, "image/jpeg")
                .when().post("/v1/score")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:dpiqa:problem:image-rejected"))
                .body("reason", equalTo("UNSUPPORTED_TYPE"));
    }

    @Test
    void loopbackUrlsAreRefusedBeforeAnyConnection() {
        authorized().contentType(ContentType.JSON).body("{\"url\": \"http://127.0.0.1:9/admin.png\"}")
                .when().post("/v1/score")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:dpiqa:problem:fetch-failed"))
                .body("reason", equalTo("FORBIDDEN_ADDRESS"));
    }

    @Test
    void fileUrlsAreNotServedOverRest() {
        authorized().contentType(ContentType.JSON).body("{\"url\": \"file:///etc/passwd\"}")
                .when().post("/v1/score")
                .then().statusCode(422).body("reason", equalTo("FORBIDDEN_ADDRESS"));
    }

    @Test
    void badRequestsAreProblems() {
        authorized().multiPart("image", "photo.png", PNG, "image/png").queryParam("mode", "oracle")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown mode"));
        authorized().contentType(ContentType.JSON).body("{}")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json");
        authorized().multiPart("other", "x.png", PNG, "image/png")
                .when().post("/v1/score")
                .then().statusCode(400).body("detail", containsString("'image'"));
    }

    @Test
    void jsonBodiesThatCannotBeReadSayWhereAndWhy() {
        authorized().contentType(ContentType.JSON).body("{\"url\": ")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the body is not valid JSON: Unexpected end-of-input within/between Object"
                        + " entries (line 1, column 9)"));
        authorized().contentType(ContentType.JSON).body("[{\"url\": \"https://example.org/a.jpg\"}]")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("the body must be a JSON object such as {\"url\": "));
        authorized().contentType(ContentType.JSON).body("{\"url\": \"https://example.org/a.jpg\", \"map\": \"yes\"}")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("field 'map': "));
    }

    @Test
    void theImageMayBeTheWholeBody() {
        authorized().contentType("image/jpeg").body(PNG) // the bytes decide the type, not the header
                .when().post("/v1/score")
                .then().statusCode(200).body("model.name", equalTo("fixture_student"));
        authorized().contentType("application/octet-stream").body(PNG).queryParam("mode", "teacher")
                .when().post("/v1/score")
                .then().statusCode(200).body("stage", equalTo("teacher"));
        authorized().contentType("text/plain").body("a photo")
                .when().post("/v1/score")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("multipart/form-data with one 'image' part, application/json"));
    }

    @Test
    void aSecondImagePartIsRefusedRatherThanIgnored() {
        authorized().multiPart("image", "a.png", PNG, "image/png").multiPart("image", "b.png", PNG, "image/png")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("multipart field 'image' was sent 2 times; send one image per request"));
    }

    @Test
    void aWrongMethodIsAnsweredWithTheAllowedOnes() {
        authorized().when().get("/v1/score")
                .then().statusCode(405).header("Allow", "POST").contentType("application/problem+json")
                .body("detail", equalTo("this resource answers POST"));
        authorized().when().delete("/v1/models/fixture_student")
                .then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void scoresAndRejectionsAreCounted() {
        authorized().multiPart("image", "photo.png", PNG, "image/png").when().post("/v1/score").then().statusCode(200);
        authorized().multiPart("image", "empty.png", new byte[0], "image/png").when().post("/v1/score");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("dpiqa_scores_total{"))
                .body(containsString("mode=\"student\""))
                .body(containsString("dpiqa_rejections_total{reason=\"EMPTY\"}"))
                .body(containsString("dpiqa_score_seconds_count{mode=\"student\"}"));
    }

    private static RequestSpecification authorized() {
        return given().header("X-API-Key", ApiTestKeys.CLIENT_ONE);
    }
}
