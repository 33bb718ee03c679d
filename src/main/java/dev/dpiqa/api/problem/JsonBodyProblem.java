package dev.dpiqa.api.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.stream.Collectors;

/** What was wrong with a JSON request body, in the client's terms: where, and what was expected. */
final class JsonBodyProblem {

    private JsonBodyProblem() {
    }

    static String detail(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return "the body must be a JSON object such as {\"url\": \"https://example.org/photo.jpg\"}" + at(e);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            return "field '" + field + "': " + e.getOriginalMessage() + at(e);
        }
        return "the body is not valid JSON: " + e.getOriginalMessage() + at(e);
    }

    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
