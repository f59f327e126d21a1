package com.chimti.ai.core.domain.action;

/** The type of one input field of an action. Brand and location fields are also checked against the caller's scope. */
public enum FieldType {
    /** A non-blank string, stripped, at most the field's maximum length. */
    TEXT,
    /** A brand id that must be one of the caller's brands. */
    BRAND,
    /** A location id that must be one of the caller's locations. */
    LOCATION
}
