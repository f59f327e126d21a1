package com.chimti.ai.core.domain;

/** Masks an email for display: {@code alice@example.com} becomes {@code a***@example.com}. */
public final class EmailMask {
    private EmailMask() {
    }

    public static String mask(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
