package com.chimti.ai.core.domain.context;

/**
 * Host text (a name, a record) as one short line for a prompt: each run of whitespace, control, format and
 * line-separator characters becomes one space (\p{Cntrl} alone would keep U+0085, U+2028 and U+2029, which some
 * readers take as line breaks, and bidi overrides that disguise text), and text over the limit is cut with a
 * "…", never inside a character.
 */
final class OneLine {
    private OneLine() {
    }

    /** The cleaned line, at most {@code max} characters; empty when nothing printable is left. */
    static String of(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() <= max; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.length() > max) {
            int end = max - 1;
            if (Character.isHighSurrogate(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
            out.append('…');
        }
        return out.toString();
    }
}
