package com.chimti.ai.adapter.in.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;

/** The one JSON configuration of the web layer, and request-body parsing that turns every mistake into a 400. */
final class WebJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // unknown fields are ignored, so mass-assigned fields (userId, clientId...) simply do nothing
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WebJson() {
    }

    /** The body as {@code type}; an empty body gives {@code emptyValue}. Never echoes parser messages. */
    static <T> T read(Context ctx, Class<T> type, T emptyValue) {
        byte[] body = BodyLimit.body(ctx);
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            if (emptyValue == null) {
                throw ApiProblem.invalid("request body is required");
            }
            return emptyValue;
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                if (emptyValue == null) {
                    throw ApiProblem.invalid("request body is required");
                }
                return emptyValue;
            }
            return value;
        } catch (MismatchedInputException wrongShape) {
            String field = wrongShape.getPath().isEmpty() ? null
                    : wrongShape.getPath().get(wrongShape.getPath().size() - 1).getFieldName();
            throw ApiProblem.invalid(field == null ? "request body has the wrong shape"
                    : "field '" + field + "' has the wrong type");
        } catch (JsonProcessingException malformed) {
            throw ApiProblem.invalid("request body is not valid JSON");
        } catch (IOException unreadable) {
            throw ApiProblem.invalid("request body could not be read");
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be serialised", e);
        }
    }
}
