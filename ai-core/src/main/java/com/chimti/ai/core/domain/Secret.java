package com.chimti.ai.core.domain;

import java.util.Objects;

/** A credential in transit (an API key). Its {@code toString} never shows the value, so logs cannot leak it. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException("secret must not be blank");
        }
        this.value = value.strip();
    }

    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
