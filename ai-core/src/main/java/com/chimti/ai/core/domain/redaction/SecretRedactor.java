package com.chimti.ai.core.domain.redaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replaces secrets in free text with typed markers before the text crosses a boundary (the Codex CLI, the database,
 * a log line). Each secret becomes {@code [REDACTED:<kind>]}, for example {@code [REDACTED:card_number]}; see
 * {@link SecretKind} for the kinds.
 *
 * <h2>What is replaced</h2>
 * <ul>
 *   <li>{@code private_key}: the whole {@code -----BEGIN ... PRIVATE KEY-----} ... {@code -----END ...} block
 *       (RSA, EC, DSA, OPENSSH, ENCRYPTED, plain PKCS#8, PGP ... PRIVATE KEY BLOCK), including a truncated block
 *       without its END line;</li>
 *   <li>{@code jwt}: {@code eyJ...}.{@code ...}.{@code ...};</li>
 *   <li>{@code openai_key}: {@code sk-...}, {@code sk-proj-...}, {@code sk-svcacct-...} with 20+ key characters
 *       that look random (not {@code sk-learn});</li>
 *   <li>{@code aws_key}: {@code AKIA...}/{@code ASIA...} key ids, and labelled 40-character secret keys (only the
 *       value is replaced, the label stays);</li>
 *   <li>{@code bearer_token}: the token after {@code Bearer }; the word {@code Bearer } is <b>kept</b>, so
 *       {@code Authorization: Bearer abc123...} becomes {@code Authorization: Bearer [REDACTED:bearer_token]};</li>
 *   <li>{@code iban}: upper-case IBANs, compact or in groups of four, whose country is registered, whose length
 *       is that country's and whose mod-97 check passes;</li>
 *   <li>{@code card_number}: Luhn-valid 13–19 digit numbers, contiguous or grouped by single spaces or single
 *       dashes, not part of a longer digit run, a word, a decimal or a {@code +} phone number.</li>
 * </ul>
 *
 * <h2>Order</h2>
 * Detectors run one after another in {@link SecretKind} declaration order, each in a single pass over the output of
 * the previous one, and a marker is never matched again (markers contain no digits and start with {@code [}). So
 * every secret is counted once, under the most specific kind:
 * <ol>
 *   <li>private keys first, so their base64 body is never reported as other kinds;</li>
 *   <li>JWT, {@code sk-} keys and AWS keys before {@code bearer_token}: {@code Bearer eyJ...} counts once as
 *       {@code jwt} and reads {@code Bearer [REDACTED:jwt]}; {@code bearer_token} is only for opaque tokens;</li>
 *   <li>IBAN before card numbers, so digits inside an IBAN are never taken for a card.</li>
 * </ol>
 *
 * <h2>Cost</h2>
 * Patterns are compiled once; every pass is linear in the text length (look-behinds stop a candidate from being
 * retried inside a token, repetitions are possessive or bounded, checksums are done in code), so adversarial input
 * such as 200,000 identical characters is handled in milliseconds.
 *
 * <p>Instances are immutable and thread-safe; use {@link #standard()}.
 */
public final class SecretRedactor {
    private static final SecretRedactor STANDARD = new SecretRedactor(Detectors.standard());

    private final List<Detector> detectors;

    private SecretRedactor(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** The redactor with every {@link SecretKind}, shared and thread-safe. */
    public static SecretRedactor standard() {
        return STANDARD;
    }

    /**
     * Redacts {@code text}.
     *
     * @throws NullPointerException when {@code text} is null
     */
    public Redaction redact(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return Redaction.unchanged(text);
        }
        String current = text;
        Map<String, Integer> counts = null;
        for (Detector detector : detectors) {
            Rewriter out = new Rewriter(current, detector.kind().marker());
            detector.scan(current, out);
            if (out.count() > 0) {
                if (counts == null) {
                    counts = new LinkedHashMap<>();
                }
                counts.put(detector.kind().id(), out.count());
                current = out.result();
            }
        }
        return counts == null ? Redaction.unchanged(text) : new Redaction(current, counts);
    }
}
