package com.chimti.ai.core.domain.redaction;

import java.util.List;

/**
 * Card number ranges of the issuer networks (issuer identification number prefixes) with the lengths each
 * network issues. A Luhn-valid number outside every range (an order number, a tracking code) is not a card:
 * one in ten random numbers passes Luhn, so the prefix and the length do most of the work against false alarms.
 */
final class CardIssuers {
    /** Numbers whose first {@code digits} digits lie in {@code [low, high]} and whose length is in {@code lengths}. */
    private record Range(int digits, int low, int high, int minLength, int maxLength, int... only) {
        boolean matches(String number) {
            if (number.length() < digits) {
                return false;
            }
            int prefix = Integer.parseInt(number.substring(0, digits));
            if (prefix < low || prefix > high) {
                return false;
            }
            int length = number.length();
            if (only.length > 0) {
                for (int allowed : only) {
                    if (allowed == length) {
                        return true;
                    }
                }
                return false;
            }
            return length >= minLength && length <= maxLength;
        }
    }

    private static final List<Range> RANGES = List.of(
            new Range(1, 4, 4, 0, 0, 13, 16, 19),        // Visa (Electron included)
            new Range(2, 51, 55, 16, 16),                // Mastercard
            new Range(4, 2221, 2720, 16, 16),            // Mastercard 2-series
            new Range(2, 34, 34, 15, 15),                // American Express
            new Range(2, 37, 37, 15, 15),
            new Range(3, 300, 305, 14, 19),              // Diners Club
            new Range(2, 36, 36, 14, 19),
            new Range(2, 38, 39, 14, 19),
            new Range(4, 3528, 3589, 16, 19),            // JCB
            new Range(4, 6011, 6011, 16, 19),            // Discover
            new Range(3, 644, 649, 16, 19),
            new Range(2, 65, 65, 16, 19),
            new Range(2, 62, 62, 16, 19),                // UnionPay
            new Range(2, 60, 60, 16, 16),                // RuPay
            new Range(4, 2200, 2204, 16, 19),            // Mir
            new Range(4, 5018, 5018, 13, 19),            // Maestro
            new Range(4, 5020, 5020, 13, 19),
            new Range(4, 5038, 5038, 13, 19),
            new Range(4, 5893, 5893, 13, 19),
            new Range(4, 6304, 6304, 13, 19),
            new Range(4, 6759, 6759, 13, 19),
            new Range(4, 6761, 6763, 13, 19),
            new Range(4, 5019, 5019, 16, 16),            // Dankort
            new Range(3, 637, 639, 16, 16),              // InstaPayment
            new Range(4, 9792, 9792, 16, 16),            // Troy
            new Range(6, 506099, 506198, 16, 19),        // Verve
            new Range(6, 650002, 650027, 16, 19));

    private CardIssuers() {
    }

    /** Whether the ASCII digits of {@code text[start, end)} form a number some network issues. */
    static boolean known(CharSequence text, int start, int end) {
        StringBuilder digits = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        String number = digits.toString();
        for (Range range : RANGES) {
            if (range.matches(number)) {
                return true;
            }
        }
        return false;
    }
}
