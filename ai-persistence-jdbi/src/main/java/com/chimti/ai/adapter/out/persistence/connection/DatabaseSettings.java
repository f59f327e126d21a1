package com.chimti.ai.adapter.out.persistence.connection;

import java.nio.file.Path;

/**
 * Where the AI tables live. A null {@code jdbcUrl} means an embedded PostgreSQL whose files are kept under
 * {@code dataDir/postgres} (user and password are then ignored: the embedded server trusts local connections
 * and listens on 127.0.0.1 only). Otherwise the pool connects to {@code jdbcUrl} as {@code user}.
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Path dataDir, int maxPoolSize) {
    public static final int DEFAULT_MAX_POOL_SIZE = 10;

    public DatabaseSettings {
        if (jdbcUrl != null && jdbcUrl.isBlank()) {
            jdbcUrl = null;
        }
        if (jdbcUrl == null && dataDir == null) {
            throw new IllegalArgumentException("an embedded database needs a data directory");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    public static DatabaseSettings embedded(Path dataDir) {
        return new DatabaseSettings(null, null, null, dataDir, DEFAULT_MAX_POOL_SIZE);
    }

    public static DatabaseSettings external(String jdbcUrl, String user, String password, int maxPoolSize) {
        return new DatabaseSettings(jdbcUrl, user, password, null, maxPoolSize);
    }

    public boolean isEmbedded() {
        return jdbcUrl == null;
    }

    /** Never prints the password, so settings can be logged safely. */
    @Override
    public String toString() {
        return "DatabaseSettings[jdbcUrl=" + (jdbcUrl == null ? "<embedded>" : maskedUrl(jdbcUrl))
                + ", user=" + user
                + ", password=" + (password == null || password.isEmpty() ? "<none>" : "****")
                + ", dataDir=" + dataDir
                + ", maxPoolSize=" + maxPoolSize + "]";
    }

    /** A JDBC URL may carry the password as a parameter too. */
    static String maskedUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
    }
}
