package com.chimti.ai.core.domain.redaction;

/**
 * The kinds of secret that {@link SecretRedactor} recognises, in the order they are detected.
 *
 * <p>The declaration order is the detection order; see {@link SecretRedactor} for why it matters.
 */
public enum SecretKind {
    /** PEM / OpenSSH / PGP private key blocks, multi-line. */
    PRIVATE_KEY("private_key"),
    /** JSON Web Tokens: {@code eyJ...} header, payload and signature joined by dots. */
    JWT("jwt"),
    /** {@code sk-}, {@code sk-proj-}, {@code sk-svcacct-} style API keys. */
    OPENAI_KEY("openai_key"),
    /** AWS access key ids (AKIA/ASIA) and labelled 40-character secret access keys. */
    AWS_KEY("aws_key"),
    /** The token after {@code Bearer }, when it is not already one of the kinds above. */
    BEARER_TOKEN("bearer_token"),
    /** IBANs with a valid mod-97 check and their country's registered length. */
    IBAN("iban"),
    /** Luhn-valid payment card numbers of 13 to 19 digits. */
    CARD_NUMBER("card_number");

    private final String id;
    private final String marker;

    SecretKind(String id) {
        this.id = id;
        this.marker = "[REDACTED:" + id + "]";
    }

    /** The stable, lower-case identifier used in markers and in {@link Redaction#countsByKind()}. */
    public String id() {
        return id;
    }

    /** The replacement text, {@code [REDACTED:<id>]}. */
    public String marker() {
        return marker;
    }

    /** The kind with this {@link #id()}. */
    public static SecretKind fromId(String id) {
        for (SecretKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown secret kind: " + id);
    }
}
