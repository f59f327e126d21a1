package com.chimti.ai.adapter.out.persistence.connection;

import com.chimti.ai.core.port.out.AiExtension;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI tables' PostgreSQL connection: an embedded server or an external one, behind a HikariCP pool and JDBI,
 * with its Flyway migrations. The adapters are built on its {@link #jdbi()} (and {@link #pool()} or
 * {@link #sessions()} where they need them) by whoever wires them. Opening does not touch the schema; the
 * application calls {@link #migrate()} once it is wired. Thread-safe.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS = "classpath:db/migration";
    private static final int READY_CHECK_SECONDS = 2;
    /** A request waits at most this long for a pooled connection, so an outage fails fast instead of piling up. */
    private static final long CONNECTION_TIMEOUT_MS = 5_000;

    private final EmbeddedServer embedded;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Sessions sessions;
    private final Deque<AutoCloseable> attached = new ArrayDeque<>(); // guarded by itself

    private Database(EmbeddedServer embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.sessions = () -> DriverManager.getConnection(pool.getJdbcUrl(),
                sessionProperties(pool.getUsername(), pool.getPassword()));
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        // a failed statement's message must not carry its SQL arguments (message text, keys) into a log line
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /** Starts the embedded server when {@code settings.jdbcUrl()} is null, then opens the pool. */
    public static Database open(DatabaseSettings settings) {
        LOG.info("Opening database {}", settings);
        if (!settings.isEmbedded()) {
            return new Database(null, pool(settings.jdbcUrl(), settings.user(), settings.password(),
                    settings.maxPoolSize()));
        }
        EmbeddedServer server = EmbeddedServer.start(settings.dataDir().resolve("postgres"));
        try {
            return new Database(server, pool(server.jdbcUrl(), EmbeddedServer.USER, null, settings.maxPoolSize()));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static HikariDataSource pool(String jdbcUrl, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chimti-ai");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        // nor PostgreSQL's error detail ("Key (x)=(value) already exists" quotes stored values)
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return new HikariDataSource(config);
    }

    /** Brings the schema up to date; safe to run on every start. */
    public void migrate() {
        var result = Flyway.configure(Database.class.getClassLoader())
                .dataSource(pool)
                .locations(MIGRATIONS)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Applied {} migrations; schema now at version {}", result.migrationsExecuted,
                    result.targetSchemaVersion);
        } else {
            LOG.info("Database schema is up to date");
        }
    }

    /**
     * Brings a host extension's own tables up to date, after {@link #migrate()}: its migrations at {@code location}
     * (found through {@code classLoader}, the extension's) with a Flyway history of its own,
     * {@code flyway_history_ext_<name>}, so its versions never clash with the core's or another extension's. The
     * first run baselines the history at version 0 (the schema already holds the core's tables), so the
     * extension's V1 is applied. Safe to run on every start.
     */
    public void migrateExtension(String name, ClassLoader classLoader, String location) {
        if (!AiExtension.isValidName(name)) { // it becomes part of a table name
            throw new IllegalArgumentException("an extension name is lower-case letters, digits and _, at most 40");
        }
        var result = Flyway.configure(classLoader)
                .dataSource(pool)
                .locations(location)
                .table(extensionHistoryTable(name))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Applied {} migrations of extension {}; its tables now at version {}",
                    result.migrationsExecuted, name, result.targetSchemaVersion);
        } else {
            LOG.info("Tables of extension {} are up to date", name);
        }
    }

    /** The Flyway history table of extension {@code name}. */
    public static String extensionHistoryTable(String name) {
        return "flyway_history_ext_" + name;
    }

    /** A cheap round trip for /readyz; never throws. */
    public boolean isReachable() {
        if (pool.isClosed()) {
            return false;
        }
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(READY_CHECK_SECONDS);
            try (ResultSet rows = statement.executeQuery("select 1")) {
                return rows.next();
            }
        } catch (Exception unreachable) {
            LOG.debug("Database is not reachable: {}", unreachable.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Records {@code mine} as the shared setup when no instance did yet, in one statement (of two first
     * instances one wins), and returns what is recorded: the first instance's setup, to compare with.
     */
    public SharedSetup recordSharedSetup(SharedSetup mine) {
        return jdbi.inTransaction(handle -> {
            handle.createUpdate("INSERT INTO ai_instance_check (id, profile_root_marker, profile_hash_probe)"
                            + " VALUES (1, :marker, :probe) ON CONFLICT (id) DO NOTHING")
                    .bind("marker", mine.profileRootMarker()).bind("probe", mine.profileHashProbe()).execute();
            return handle.createQuery("SELECT profile_root_marker, profile_hash_probe FROM ai_instance_check"
                            + " WHERE id = 1")
                    .map((rs, ctx) -> new SharedSetup(rs.getString(1), rs.getString(2))).one();
        });
    }

    /** Publishes the pool's figures (active, idle, pending connections, wait times) through {@code metrics}. */
    public void poolMetrics(MetricsTrackerFactory metrics) {
        pool.setMetricsTrackerFactory(metrics);
    }

    /** What the adapters run their SQL on. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for the adapters that run plain JDBC (the listing reads, the rate limiter's buckets). */
    public DataSource pool() {
        return pool;
    }

    /** Connections outside the pool, for the adapters that hold one session for a long time. */
    public Sessions sessions() {
        return sessions;
    }

    /** An embedded database serves one instance only: there are no other instances to share turns with. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * Closes {@code adapter}, which runs on {@link #sessions()} or threads of its own, when this database closes,
     * before the pool (the last one attached first); returns it.
     */
    public <T extends AutoCloseable> T attach(T adapter) {
        synchronized (attached) {
            attached.push(adapter);
        }
        return adapter;
    }

    private static Properties sessionProperties(String user, String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "chimti-ai-locks");
        return properties;
    }

    /**
     * Closes the attached adapters and the pool, then stops the embedded server (if any) and waits until its
     * processes are gone.
     */
    @Override
    public void close() {
        try {
            closeAttached();
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private void closeAttached() {
        synchronized (attached) {
            while (!attached.isEmpty()) {
                AutoCloseable adapter = attached.pop();
                try {
                    adapter.close();
                } catch (Exception failed) {
                    LOG.warn("closing {} failed: {}", adapter.getClass().getSimpleName(),
                            failed.getClass().getSimpleName());
                }
            }
        }
    }
}
