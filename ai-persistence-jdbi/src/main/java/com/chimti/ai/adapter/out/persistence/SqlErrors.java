package com.chimti.ai.adapter.out.persistence;

import java.sql.SQLException;

/** Recognises PostgreSQL errors by SQLSTATE, which is stable, instead of by message text. */
final class SqlErrors {
    static final String UNIQUE_VIOLATION = "23505";
    static final String CHECK_VIOLATION = "23514";

    private SqlErrors() {
    }

    static boolean isUniqueViolation(Throwable error) {
        return hasState(error, UNIQUE_VIOLATION);
    }

    static boolean hasState(Throwable error, String sqlState) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
