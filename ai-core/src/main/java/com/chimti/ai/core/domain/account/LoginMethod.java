package com.chimti.ai.core.domain.account;

public enum LoginMethod {
    DEVICE, API_KEY
}
