package dev.dpiqa.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dpiqa.pipeline.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** POST /v1/score/batch: one result per image, in order, a failed image's reason in its place. */
@QuarkusTest
class ScoreBatchResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] WIDE = TestPictures.png(120, 90);
    private static final byte[] TALL = TestPictures.png(60, 140);

    @Test
    void scoresEveryUploadedImageAndSaysWhyOneCouldNotBe() throws Exception {
        JsonNode results = JSON.readTree(authorized()
                .multiPart("image", "wide.png", WIDE, "image/png")
                .multiPart("image", "notes.png", "not a photo".getBytes(StandardCharsets.UTF_8), "image/png")
                .multiPart("image", "tall.png", TALL, "image/png")
                .when().post("/v1/score/batch")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString()).path("results");

        assertThat(results).extracting(r -> r.path("input").asText()).containsExactly("wide.png", "notes.png", "tall.png");
        assertThat(results.get(1).path("error").path("reason").asText()).isEqualTo("UNSUPPORTED_TYPE");
        assertThat(results.get(1).has("mos")).isFalse();
        for (JsonNode scored : new JsonNode[]{results.get(0), results.get(2)}) {
            EventSchemas.assertValid("quality-report", scored);
        }
        assertThat(results.get(0).path("mos").asDouble()).as("as POST /v1/score has it")
                .isCloseTo(single(WIDE).path("mos").asDouble(), within(0.011));
    }

    @Test
    void fetchesUrlsThroughTheGuardEachWithItsOwnAnswer() throws Exception {
        JsonNode results = JSON.readTree(authorized().contentType(ContentType.JSON)
                .body("{\"urls\": [\"http://127.0.0.1:9/admin.png\", \"ftp://example.org/a.jpg\"]}")
                .when().post("/v1/score/batch")
                .then().statusCode(200).extract().asString()).path("results");

        assertThat(results).extracting(r -> r.path("error").path("reason").asText())
                .containsExactly("FORBIDDEN_ADDRESS", "BAD_URI");
    }

    @Test
    void aBatchOfNoneOrTooManyIsAProblem() {
        authorized().contentType(ContentType.JSON).body("{\"urls\": []}")
                .when().post("/v1/score/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("send 1 to 16 images"));
        RequestSpecification many = authorized();
        IntStream.range(0, ScoreBatchResource.MAX_IMAGES + 1)
                .forEach(i -> many.multiPart("image", i + ".png", WIDE, "image/png"));
        many.when().post("/v1/score/batch").then().statusCode(400);
        authorized().contentType(ContentType.JSON).body("{\"urls\": [\"https://example.org/a.jpg\"], \"mode\": \"x\"}")
                .when().post("/v1/score/batch")
                .then().statusCode(400).body("status", equalTo(400));
    }

    private static JsonNode single(byte[] image) throws Exception {
        return JSON.readTree(authorized().multiPart("image", "one.png", image, "image/png")
                .when().post("/v1/score").then().statusCode(200).extract().asString());
    }

    private static RequestSpecification authorized() {
        return given().header("X-API-Key", ApiTestKeys.CLIENT_ONE);
    }
}
