package com.chimti.ai.core.domain.account;

/** The last problem with a provider account, in words safe to show the user. */
public record AccountError(String code, String message) {
}
