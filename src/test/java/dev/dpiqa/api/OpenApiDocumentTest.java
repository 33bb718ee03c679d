package dev.dpiqa.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The checked-in description of the REST API is the one the service serves, so integrators can read it without
 * running dpiqa and it cannot drift from the code. After changing the API, rewrite it from the live document and
 * review the diff: {@code ./mvnw test -Dtest=OpenApiDocumentTest -Ddpiqa.openapi.write=true}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("plugin-descriptors/openapi.yaml");

    @Test
    void theCheckedInDocumentIsTheLiveOne() throws IOException {
        String live = given().queryParam("format", "yaml").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("dpiqa.openapi.write")) {
            Files.writeString(DOCUMENT, live);
        }
        assertThat(Files.readString(DOCUMENT)).as(DOCUMENT + " differs from GET /q/openapi: rewrite it with"
                + " -Ddpiqa.openapi.write=true and review the diff").isEqualTo(live);
    }

    @Test
    void swaggerUiServesTheDocument() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"));
    }
}
