package com.chimti.ai.core.domain.redaction;

/**
 * Builds the output of one detector pass: copies the text, replacing the spans it is told about by the marker.
 * Spans must be reported in increasing, non-overlapping order. Allocates nothing until the first replacement.
 */
final class Rewriter {
    private final String text;
    private final String marker;
    private StringBuilder out;
    private int copiedUpTo;
    private int count;

    Rewriter(String text, String marker) {
        this.text = text;
        this.marker = marker;
    }

    void replace(int start, int end) {
        if (start < copiedUpTo || end < start || end > text.length()) {
            throw new IllegalStateException("span [" + start + "," + end + ") out of order");
        }
        if (out == null) {
            out = new StringBuilder(text.length());
        }
        out.append(text, copiedUpTo, start).append(marker);
        copiedUpTo = end;
        count++;
    }

    int count() {
        return count;
    }

    String result() {
        if (out == null) {
            return text;
        }
        out.append(text, copiedUpTo, text.length());
        return out.toString();
    }
}
