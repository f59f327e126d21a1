package com.chimti.ai.core.domain;

/**
 * The C0 control characters (U+0000 to U+001F) other than tab, line feed and carriage return: PostgreSQL refuses NUL in text, and none of them belongs in a title, a message or an answer. Input holding one
 * is refused at the edge; model output has them removed before it is stored or streamed.
 */
public final class ControlCharacters {
    private ControlCharacters() {
    }

    /** Whether {@code c} is one of the refused characters. */
    public static boolean isRefused(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    /** Whether {@code text} holds a refused character; false for null. */
    public static boolean contains(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isRefused(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} without the refused characters (the same instance when there is none); null stays null. */
    public static String strip(String text) {
        if (!contains(text)) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isRefused(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
