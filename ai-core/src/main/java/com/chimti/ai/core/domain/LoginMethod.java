package com.chimti.ai.core.domain;

public enum LoginMethod {
    DEVICE, API_KEY
}
