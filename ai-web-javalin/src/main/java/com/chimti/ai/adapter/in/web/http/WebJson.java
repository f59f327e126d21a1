package com.chimti.ai.adapter.in.web.http;

import com.chimti.ai.core.domain.ControlCharacters;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one JSON configuration of the web layer, and request-body parsing that turns every mistake into a 400:
 * for every route, a duplicate key is refused, a string field takes only a JSON string (no number or boolean
 * coerced), and no string or key may hold a control character other than tab, line feed and carriage return.
 */
public final class WebJson {
    public static final ObjectMapper MAPPER = strict(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // unknown fields are ignored, so mass-assigned fields (userId, clientId...) simply do nothing
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"title": 1, "title": 2} is ambiguous: refused instead of last-wins
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build());

    /** {"title": 1e999} or {"content": true} are wrong types, not text. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private WebJson() {
    }

    /** The body as {@code type}; an empty body gives {@code emptyValue}. Never echoes parser messages. */
    public static <T> T read(Context ctx, Class<T> type, T emptyValue) {
        byte[] body = BodyLimit.body(ctx);
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            if (emptyValue == null) {
                throw ApiProblem.invalid("request body is required");
            }
            return emptyValue;
        }
        try {
            JsonNode tree = MAPPER.readTree(body);
            refuseControlCharacters(tree, "");
            T value = MAPPER.treeToValue(tree, type);
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
                    : named(field) + " has the wrong type");
        } catch (JsonParseException malformed) {
            String message = malformed.getOriginalMessage();
            throw ApiProblem.invalid(message != null && message.startsWith("Duplicate field")
                    ? "request body has a duplicate key" : "request body is not valid JSON");
        } catch (JsonProcessingException malformed) {
            throw ApiProblem.invalid("request body is not valid JSON");
        } catch (IOException unreadable) {
            throw ApiProblem.invalid("request body could not be read");
        }
    }

    /** A 400 naming the first field (a path such as {@code history[2].content}) whose key or text holds one. */
    private static void refuseControlCharacters(JsonNode node, String path) {
        if (node.isTextual() && ControlCharacters.contains(node.textValue())) {
            throw ApiProblem.invalid(named(path.isEmpty() ? "body" : path) + " must not contain control characters");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseControlCharacters(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (ControlCharacters.contains(field.getKey())) {
                    throw ApiProblem.invalid((path.isEmpty() ? "a key" : "a key in " + named(path))
                            + " must not contain control characters");
                }
                refuseControlCharacters(field.getValue(), path.isEmpty() ? field.getKey()
                        : path + "." + field.getKey());
            }
        }
    }

    /**
     * {@code field 'name'}, or just {@code a field} when the name is not one a route could declare: a key the
     * client made up (in {@code extra}, say) is never quoted back.
     */
    private static String named(String path) {
        return path.length() <= 64 && path.matches("[A-Za-z0-9_.\\[\\]]+") ? "field '" + path + "'" : "a field";
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be serialised", e);
        }
    }
}
