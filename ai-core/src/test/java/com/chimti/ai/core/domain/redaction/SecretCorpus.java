package com.chimti.ai.core.domain.redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the redaction corpus under {@code src/test/resources/redaction/}. */
final class SecretCorpus {
    private SecretCorpus() {
    }

    /** One true positive: {@code secret} is the part of {@code input} that must become the kind's marker. */
    record Secret(int line, SecretKind kind, String input, String secret) {
        String expectedOutput() {
            int at = input.indexOf(secret);
            return input.substring(0, at) + kind.marker() + input.substring(at + secret.length());
        }

        @Override
        public String toString() {
            String shown = input.replace("\n", "\\n");
            return "secrets.txt:" + line + " " + kind.id() + " "
                    + (shown.length() > 70 ? shown.substring(0, 70) + "..." : shown);
        }
    }

    static List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        List<String> lines = read("secrets.txt");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (skip(line)) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length < 2 || columns.length > 3) {
                throw new IllegalStateException("secrets.txt:" + (i + 1) + " needs 2 or 3 tab-separated columns");
            }
            String input = unescape(columns[1]);
            String secret = columns.length == 3 ? unescape(columns[2]) : input;
            if (input.indexOf(secret) < 0 || input.indexOf(secret) != input.lastIndexOf(secret)) {
                throw new IllegalStateException("secrets.txt:" + (i + 1) + " secret must occur once in the input");
            }
            secrets.add(new Secret(i + 1, SecretKind.fromId(columns[0]), input, secret));
        }
        return secrets;
    }

    static List<String> benign() {
        List<String> benign = new ArrayList<>();
        for (String line : read("benign.txt")) {
            if (!skip(line)) {
                benign.add(line);
            }
        }
        return benign;
    }

    private static boolean skip(String line) {
        return line.isBlank() || line.startsWith("#");
    }

    private static String unescape(String column) {
        return column.replace("\\n", "\n");
    }

    private static List<String> read(String name) {
        String resource = "/redaction/" + name;
        try (InputStream in = SecretCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
