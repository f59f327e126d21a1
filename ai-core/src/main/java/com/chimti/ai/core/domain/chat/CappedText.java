package com.chimti.ai.core.domain.chat;

/** Text cut to a character cap, with a visible marker saying how much was dropped. */
public record CappedText(String text, int droppedChars) {

    public static CappedText cap(String input, int maxChars) {
        if (input == null) {
            return new CappedText(null, 0);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        if (input.length() <= maxChars) {
            return new CappedText(input, 0);
        }
        int keep = maxChars;
        // never split a surrogate pair
        if (Character.isHighSurrogate(input.charAt(keep - 1))) {
            keep--;
        }
        int dropped = input.length() - keep;
        return new CappedText(input.substring(0, keep) + "\n[truncated " + dropped + " chars]", dropped);
    }

    public boolean truncated() {
        return droppedChars > 0;
    }
}
