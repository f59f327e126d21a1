package com.chimti.ai.adapter.in.web.http;

import com.chimti.ai.core.domain.ControlCharacters;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The one check of every request's query string, before any route reads a parameter: malformed
 * percent-encoding ({@code %ZZ}, a lone {@code %}), bytes that are not UTF-8, a control character or a parameter
 * named twice is a 400 instead of a value silently dropped or picked. Routes then read parameters as usual.
 */
public final class QueryStrings {
    private QueryStrings() {
    }

    public static void enforce(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (ControlCharacters.contains(name) || ControlCharacters.contains(value)) {
                throw ApiProblem.invalid("query parameters must not contain control characters");
            }
            if (!names.add(name)) {
                throw ApiProblem.invalid("a query parameter is given more than once");
            }
        }
    }

    /** Strict application/x-www-form-urlencoded decoding; never quotes the input in its error. */
    static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw ApiProblem.invalid("the query string has malformed percent-encoding");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw ApiProblem.invalid("the query string is not valid UTF-8");
        }
    }
}
