package com.chimti.ai.core.domain.redaction;

/** The check-digit algorithms that keep card and IBAN detection from firing on arbitrary numbers. */
final class Checksums {
    private Checksums() {
    }

    /** Luhn (mod 10) over the ASCII digits of {@code text[start, end)}; other characters are skipped. */
    static boolean luhn(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubleIt = false;
        int digits = 0;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }

    /**
     * ISO 13616 check: move the first four characters to the end, read letters as 10..35, and the number must be
     * 1 mod 97. {@code iban} is compact (no spaces), upper-case letters and digits only.
     */
    static boolean ibanMod97(CharSequence iban) {
        int n = iban.length();
        if (n < 5) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }
}
