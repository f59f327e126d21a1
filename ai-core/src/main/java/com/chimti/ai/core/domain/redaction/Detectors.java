package com.chimti.ai.core.domain.redaction;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The standard detectors, one per {@link SecretKind}, in detection order. */
final class Detectors {
    private Detectors() {
    }

    static List<Detector> standard() {
        return List.of(privateKey(), jwt(), openAiKey(), awsKey(), bearerToken(), iban(), cardNumber());
    }

    // ---------------------------------------------------------------------------------------------- private_key

    private static final String PEM_LABEL = "-----%s (?:[A-Z0-9]{1,16} ){0,4}PRIVATE KEY(?: BLOCK)?-----";

    /**
     * A whole {@code -----BEGIN ... PRIVATE KEY-----} block up to its {@code -----END ... PRIVATE KEY-----} line (the
     * body may hold anything but five dashes, so one-line pastes work too). When the END line is missing (a
     * truncated paste) the BEGIN line and the base64 / PEM-header lines that follow it are replaced; a BEGIN line
     * with no key material after it, or a BEGIN ... END pair with none between (prose quoting the labels), is left
     * alone.
     */
    static Detector privateKey() {
        String regex = String.format(PEM_LABEL, "BEGIN")
                + "(?:"
                + "[^-]*+(?:-(?!----)[^-]*+)*+" + String.format(PEM_LABEL, "END")
                + "|"
                + "(?:[ \\t]*+(?:\\r?\\n|\\r)?[ \\t]*+"
                + "(?:[A-Za-z0-9+/=]{16,}+|(?:Proc-Type|DEK-Info|Comment|Version):[^\\r\\n]*+))++"
                + ")";
        return Detector.simple(SecretKind.PRIVATE_KEY, regex, "-----BEGIN", null, Detectors::hasKeyMaterial);
    }

    /** Whether a PEM candidate holds a base64 run of 16+ characters besides its labels. */
    static boolean hasKeyMaterial(String block) {
        int run = 0;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (Detector.isAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=') {
                if (++run >= 16) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- jwt

    /**
     * {@code eyJ<header>.<payload>.<signature>} in base64url (the signature may be empty, as for
     * {@code alg: none}); up to two further segments (JWE) are included.
     */
    static Detector jwt() {
        String seg = "[A-Za-z0-9_-]";
        String regex = "(?=e)(?<!" + seg + ")eyJ" + seg + "{7,}+\\." + seg + "{2,}+\\." + seg + "*+"
                + "(?:\\." + seg + "++){0,2}+";
        return Detector.simple(SecretKind.JWT, regex, "eyJ", null, s -> true);
    }

    // ---------------------------------------------------------------------------------------------- openai_key

    /**
     * {@code sk-} followed by at least 20 key characters (covers {@code sk-proj-}, {@code sk-svcacct-},
     * {@code sk-admin-}, legacy 48-character keys). To spare words such as {@code sk-learn} or
     * {@code sk-tutorial-2024-introduction}, some dash/underscore-free run of the key must be at least 10
     * characters long and mix letters and digits, as random key material does.
     */
    static Detector openAiKey() {
        String regex = "(?=s)(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}+";
        return Detector.simple(SecretKind.OPENAI_KEY, regex, "sk-", null,
                s -> hasMixedRun(s, 3, s.length(), 10));
    }

    /** Whether {@code s[from,to)} has a run of ASCII letters/digits, at least {@code min} long, with both. */
    static boolean hasMixedRun(String s, int from, int to, int min) {
        int runLength = 0;
        boolean letter = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Detector.isAsciiLetterOrDigit(c)) {
                runLength++;
                if (Detector.isAsciiDigit(c)) {
                    digit = true;
                } else {
                    letter = true;
                }
                if (runLength >= min && letter && digit) {
                    return true;
                }
            } else {
                runLength = 0;
                letter = false;
                digit = false;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------- aws_key

    /**
     * Access key ids {@code AKIA|ASIA} + 16 upper-case letters/digits as a whole token, and 40-character secret
     * access keys, but only after a label ({@code aws_secret_access_key = }, {@code "SecretAccessKey": },
     * {@code AWS_SECRET_ACCESS_KEY=}, {@code --aws-secret-access-key }); the label stays, the value goes.
     * An unlabelled 40-character string is not redacted: that shape is too common to be a signal on its own.
     */
    static Detector awsKey() {
        String regex = "(?=[AaSs])(?<![A-Za-z0-9])(?:"
                + "(?<id>(?:AKIA|ASIA)[A-Z0-9]{16})(?![A-Za-z0-9])"
                + "|"
                + "(?i:(?:aws[_.-]?)?secret[_.-]?access[_.-]?key)[\"']?"
                + "(?:[ \\t]{0,8}+[:=]|[ \\t])[ \\t]{0,8}+[\"']?"
                + "(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
                + ")";
        Pattern pattern = Pattern.compile(regex);
        return new Detector(SecretKind.AWS_KEY, pattern, null) {
            @Override
            int onCandidate(Matcher m, String text, Rewriter out) {
                String group = m.start("id") >= 0 ? "id" : "secret";
                out.replace(m.start(group), m.end(group));
                return m.end();
            }
        };
    }

    // ---------------------------------------------------------------------------------------------- bearer_token

    /**
     * The token after the word {@code Bearer} (any case, as a whole word, then spaces/tabs). The word
     * {@code Bearer } is kept and only the token is replaced, so headers stay readable. A token must be at least
     * 8 characters with a letter and a digit, or at least 24 characters, so prose ("Bearer of bad news") is left.
     * Runs after the JWT, sk- and AWS detectors: a token that is one of those is already a marker and is not
     * counted again here.
     */
    static Detector bearerToken() {
        String regex = "(?=[Bb])(?<![A-Za-z0-9_-])(?i:bearer)[ \\t]++(?<token>[A-Za-z0-9._~+/-]++=*+)";
        return Detector.simple(SecretKind.BEARER_TOKEN, regex, null, "token", Detectors::looksLikeToken);
    }

    static boolean looksLikeToken(String token) {
        if (token.length() >= 24) {
            return true;
        }
        if (token.length() < 8) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Detector.isAsciiDigit(c)) {
                digit = true;
            } else if (Detector.isAsciiLetterOrDigit(c)) {
                letter = true;
            }
        }
        return letter && digit;
    }

    // ---------------------------------------------------------------------------------------------- iban

    /** Registered IBAN lengths by country (ISO 13616 / SWIFT IBAN registry). */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20),
            Map.entry("AZ", 28), Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22),
            Map.entry("BH", 22), Map.entry("BI", 27), Map.entry("BR", 29), Map.entry("BY", 28),
            Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18),
            Map.entry("FK", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27),
            Map.entry("GT", 28), Map.entry("HN", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20),
            Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25), Map.entry("MC", 27),
            Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24),
            Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33), Map.entry("SA", 24),
            Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25),
            Map.entry("SV", 28), Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26),
            Map.entry("UA", 29), Map.entry("VA", 22), Map.entry("VG", 24), Map.entry("XK", 20),
            Map.entry("YE", 30));

    /**
     * Upper-case IBANs, compact ({@code GB82WEST12345698765432}) or printed in groups of four separated by single
     * spaces ({@code DE89 3704 0044 0532 0130 00}). Redacted only when the country is in the registry, the length
     * is exactly that country's, the check digits are 02..98 and the mod-97 check passes. In the grouped form the
     * IBAN may be followed by further words ({@code BE68 5390 0754 7034 THEN}): it ends where its country's length
     * is reached.
     */
    static Detector iban() {
        String regex = "(?=[A-Z])(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}"
                + "(?:(?<compact>[A-Z0-9]{11,30}+)(?![A-Za-z0-9])|(?: [A-Z0-9]{1,4}+){2,8}+)";
        Pattern pattern = Pattern.compile(regex);
        return new Detector(SecretKind.IBAN, pattern, null) {
            @Override
            int onCandidate(Matcher m, String text, Rewriter out) {
                int start = m.start();
                Integer expected = IBAN_LENGTHS.get(text.substring(start, start + 2));
                int check = (text.charAt(start + 2) - '0') * 10 + (text.charAt(start + 3) - '0');
                if (expected == null || check < 2 || check > 98) {
                    return start + 1; // a later group of this candidate may start a real IBAN
                }
                if (m.start("compact") >= 0) {
                    if (m.end() - start == expected && Checksums.ibanMod97(text.substring(start, m.end()))) {
                        out.replace(start, m.end());
                    }
                    return m.end();
                }
                StringBuilder compact = new StringBuilder(34).append(text, start, start + 4);
                int pos = start + 4;
                while (pos < m.end() && compact.length() < expected) {
                    int groupStart = pos + 1; // skip the single space
                    int groupEnd = groupStart;
                    while (groupEnd < m.end() && text.charAt(groupEnd) != ' ') {
                        groupEnd++;
                    }
                    int groupLength = groupEnd - groupStart;
                    int total = compact.length() + groupLength;
                    if (total > expected || (total < expected && groupLength != 4)) {
                        return start + 1;
                    }
                    compact.append(text, groupStart, groupEnd);
                    pos = groupEnd;
                }
                boolean endsCleanly = pos == text.length() || !Detector.isAsciiLetterOrDigit(text.charAt(pos));
                if (compact.length() == expected && endsCleanly && Checksums.ibanMod97(compact)) {
                    out.replace(start, pos);
                    return pos;
                }
                return start + 1;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------- card_number

    /**
     * Luhn-valid card numbers of 13 to 19 digits with a known issuer prefix and a length that issuer uses
     * ({@link CardIssuers}: a Luhn-valid order number is not a card), contiguous or in groups separated by single spaces or single
     * dashes (one separator style per number). A candidate is a maximal chain of digit groups; it must not start
     * inside a word, a longer number, a decimal ({@code 0.}), or after {@code +} (phone numbers), and a
     * contiguous run of digits is never split: a 20-digit run holds no card. Within a grouped chain the longest
     * Luhn-valid window of whole groups is taken (so {@code 4111 1111 1111 1111 123} loses the card but keeps
     * {@code 123}); a window never starts with 0 (no card number does), a window of several groups starts with a
     * four-digit group (as printed cards do: 4-4-4-4, 4-6-5, 4-6-4), and a final group glued to what follows
     * ({@code 1111 12/28}, see {@link #gluedAfter}) is not part of the chain.
     */
    static Detector cardNumber() {
        String regex = "(?=[0-9])(?<![0-9])[0-9]++(?:(?<sep>[ -])[0-9]++(?:\\k<sep>[0-9]++)*+)?+";
        Pattern pattern = Pattern.compile(regex);
        return new Detector(SecretKind.CARD_NUMBER, pattern, null) {
            @Override
            int onCandidate(Matcher m, String text, Rewriter out) {
                if (!gluedBefore(text, m.start())) {
                    redactCards(text, m.start(), m.end(), out);
                }
                return m.end(); // a chain is examined once, as a whole: never from one of its inner groups
            }
        };
    }

    /**
     * Whether the chain starts inside something else, so none of it is a card: a word or longer number
     * ({@code x4111}, {@code ORD-2026-000123}), a decimal ({@code 0.4111...}) or a phone number ({@code +44 20...}).
     */
    private static boolean gluedBefore(String text, int chainStart) {
        if (chainStart == 0) {
            return false;
        }
        char previous = text.charAt(chainStart - 1);
        if (Character.isLetterOrDigit(previous) || previous == '_' || previous == '+' || previous == '.') {
            return true;
        }
        return previous == '-' && chainStart >= 2 && Character.isLetterOrDigit(text.charAt(chainStart - 2));
    }

    static final int CARD_MIN_DIGITS = 13;
    static final int CARD_MAX_DIGITS = 19;

    private static void redactCards(String text, int chainStart, int chainEnd, Rewriter out) {
        // Group boundaries: digit runs separated by one separator character.
        int capacity = 8;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int groups = 0;
        int i = chainStart;
        while (i < chainEnd) {
            int groupStart = i;
            while (i < chainEnd && Detector.isAsciiDigit(text.charAt(i))) {
                i++;
            }
            if (groups == capacity) {
                capacity *= 2;
                starts = Arrays.copyOf(starts, capacity);
                ends = Arrays.copyOf(ends, capacity);
            }
            starts[groups] = groupStart;
            ends[groups] = i;
            groups++;
            i++; // the separator
        }
        if (gluedAfter(text, chainEnd, groups)) {
            groups--;
        }
        int[] windowEnds = new int[CARD_MAX_DIGITS];
        int s = 0;
        while (s < groups) {
            if (text.charAt(starts[s]) == '0') {
                s++;
                continue;
            }
            int windows = 0;
            int digits = 0;
            for (int e = s; e < groups; e++) {
                digits += ends[e] - starts[e];
                if (digits > CARD_MAX_DIGITS) {
                    break;
                }
                if (digits >= CARD_MIN_DIGITS) {
                    windowEnds[windows++] = e;
                }
            }
            boolean cardLikeFirstGroup = ends[s] - starts[s] == 4;
            int matched = -1;
            for (int w = windows - 1; w >= 0 && matched < 0; w--) {
                boolean grouped = windowEnds[w] > s;
                if ((!grouped || cardLikeFirstGroup) && Checksums.luhn(text, starts[s], ends[windowEnds[w]])
                        && CardIssuers.known(text, starts[s], ends[windowEnds[w]])) {
                    matched = windowEnds[w];
                }
            }
            if (matched >= 0) {
                out.replace(starts[s], ends[matched]);
                s = matched + 1;
            } else {
                s++;
            }
        }
    }

    /**
     * Whether the chain's last group continues into something else, so it is not a group of a card: a word
     * ({@code 1111x}), a decimal or dotted number ({@code 1111.5}), or, for a grouped chain, a date or time
     * ({@code 1111 12/28}, {@code 1111 2026-11-23}, {@code 1111 10:30}). A comma is a field separator, not glue, so
     * CSV such as {@code 4111111111111111,12,2028} is still redacted.
     */
    private static boolean gluedAfter(String text, int chainEnd, int groups) {
        if (chainEnd >= text.length()) {
            return false;
        }
        char next = text.charAt(chainEnd);
        if (Character.isLetterOrDigit(next) || next == '_') {
            return true;
        }
        boolean digitFollows = chainEnd + 1 < text.length() && Detector.isAsciiDigit(text.charAt(chainEnd + 1));
        if (next == '.') {
            return digitFollows;
        }
        return groups > 1 && "/:-".indexOf(next) >= 0 && digitFollows;
    }
}
