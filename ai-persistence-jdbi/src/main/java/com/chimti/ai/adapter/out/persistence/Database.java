package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.port.out.ActionRepository;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import com.chimti.ai.core.port.out.MessageRepository;
import com.chimti.ai.core.port.out.SettingRepository;
import com.chimti.ai.core.port.out.TaskNoteRepository;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import com.chimti.ai.core.port.out.UsageLedger;
import com.chimti.ai.core.port.out.Wallets;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI tables' PostgreSQL: an embedded server or an external one, behind a HikariCP pool and JDBI. Opening
 * does not touch the schema; the application calls {@link #migrate()} once it is wired. Thread-safe; the
 * repositories it hands out are shared, stateless singletons.
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
    private final ChatRepository chats;
    private final MessageRepository messages;
    private final SettingRepository settings;
    private final LoginRepository logins;
    private final ActionRepository actions;
    private final ArtifactRepository artifacts;
    private final UsageLedger usage;
    private final Wallets wallets;
    private final TurnSettlements turnSettlements;
    private final TaskNoteRepository taskNotes;
    private final MessageDraftRepository messageDrafts;
    private final PgProfileLocks profileLocks;
    private final PgTurnEventLog turnEvents;
    private final PgTurnCancels turnCancels;
    private final PgRateLimiter rateLimiter;

    private Database(EmbeddedServer embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        PgProfileLocks.Connector ownSession = () -> java.sql.DriverManager.getConnection(pool.getJdbcUrl(),
                sessionProperties(pool.getUsername(), pool.getPassword()));
        this.profileLocks = new PgProfileLocks(ownSession);
        this.jdbi = Jdbi.create(pool).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        // a failed statement's message must not carry its SQL arguments (message text, keys) into a log line
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        HotReads hotReads = new HotReads(pool);
        this.chats = new JdbiChatRepository(jdbi, hotReads);
        this.messages = new JdbiMessageRepository(jdbi, hotReads);
        this.settings = new JdbiSettingRepository(jdbi);
        this.logins = new JdbiLoginRepository(jdbi);
        this.actions = new JdbiActionRepository(jdbi);
        this.artifacts = new JdbiArtifactRepository(jdbi);
        this.usage = new JdbiUsageLedger(jdbi);
        this.wallets = new JdbiWallets(jdbi);
        this.turnSettlements = new JdbiTurnSettlements(jdbi, JdbiTurnSettlements.Checkpoint.NONE);
        this.taskNotes = new JdbiTaskNoteRepository(jdbi);
        this.messageDrafts = new JdbiMessageDraftRepository(jdbi);
        this.turnEvents = new PgTurnEventLog(jdbi, ownSession);
        this.turnCancels = new PgTurnCancels(jdbi, ownSession);
        this.rateLimiter = new PgRateLimiter(pool, jdbi, java.time.Clock.systemUTC());
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

    /** Wallet reservations still open (turns holding credits) across every instance; for a metrics gauge. */
    public long openReservations() {
        return jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM wallet_reservation WHERE status = 'open'").mapTo(Long.class).one());
    }

    /** Publishes the pool's figures (active, idle, pending connections, wait times) through {@code metrics}. */
    public void poolMetrics(MetricsTrackerFactory metrics) {
        pool.setMetricsTrackerFactory(metrics);
    }

    /** For adapters that need SQL of their own (wallets, locks); prefer the repositories. */
    public Jdbi jdbi() {
        return jdbi;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public ChatRepository chatRepository() {
        return chats;
    }

    public MessageRepository messageRepository() {
        return messages;
    }

    public SettingRepository settingRepository() {
        return settings;
    }

    public LoginRepository loginRepository() {
        return logins;
    }

    public ActionRepository actionRepository() {
        return actions;
    }

    /** ai_task_notes, written by the create_task_note action. */
    public TaskNoteRepository taskNoteRepository() {
        return taskNotes;
    }

    /** ai_message_drafts, written by the draft_customer_message action. */
    public MessageDraftRepository messageDraftRepository() {
        return messageDrafts;
    }

    /** A call's charge, usage row and answer, written in one transaction. */
    public TurnSettlements turnSettlements() {
        return turnSettlements;
    }

    public ArtifactRepository artifactRepository() {
        return artifacts;
    }

    /** The provider profile folders V9 left to move to their (client, sub) name; read after {@link #migrate}. */
    public LegacyProfileMoves legacyProfileMoves() {
        return new LegacyProfileMoves(jdbi);
    }

    public UsageLedger usageLedger() {
        return usage;
    }

    /** Prepaid credits wallets, their reservations and ledger. */
    public Wallets wallets() {
        return wallets;
    }

    /** Per-user advisory locks shared by every instance on this database, on a session of their own. */
    public PgProfileLocks profileLocks() {
        return profileLocks;
    }

    /** The rate limits' token buckets (Bucket4j), shared by every instance on this database. */
    public PgRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The pool itself, for adapters built on plain JDBC (tests build extra rate limiters on it). */
    javax.sql.DataSource dataSource() {
        return pool;
    }

    /** Streamed turns' events for resuming on another instance; threads start on first use. */
    public PgTurnEventLog turnEventLog() {
        return turnEvents;
    }

    /**
     * The event log a server should use: none with the embedded database (one instance, whose own journal
     * serves every resume), else {@link #turnEventLog()}.
     */
    public TurnEventLog sharedTurnEventLog() {
        return isEmbedded() ? TurnEventLog.NONE : turnEvents;
    }

    /** Cancels on the other instances: none with the embedded database (one instance), else LISTEN/NOTIFY. */
    public TurnsElsewhere turnsElsewhere() {
        return isEmbedded() ? TurnsElsewhere.NONE : turnCancels;
    }

    /**
     * Lets the other instances cancel this one's turns through {@code cancelHere} (true when it cancelled one);
     * nothing with the embedded database.
     */
    public void serveTurnCancels(Predicate<ChatId> cancelHere) {
        if (!isEmbedded()) {
            turnCancels.serve(cancelHere);
        }
    }

    /** For tests: the LISTEN/NOTIFY cancels, also on the embedded database. */
    PgTurnCancels turnCancels() {
        return turnCancels;
    }

    private static java.util.Properties sessionProperties(String user, String password) {
        java.util.Properties properties = new java.util.Properties();
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

    /** Closes the pool, then stops the embedded server (if any) and waits until its processes are gone. */
    @Override
    public void close() {
        try {
            turnEvents.close();
            turnCancels.close();
            profileLocks.close();
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
