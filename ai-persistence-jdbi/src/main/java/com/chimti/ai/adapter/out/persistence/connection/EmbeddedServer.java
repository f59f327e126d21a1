package com.chimti.ai.adapter.out.persistence.connection;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real PostgreSQL run from zonky's bundled binaries, keeping its files in a directory across restarts. */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.postmaster = StalePostmaster.readPid(dataDir.resolve(StalePostmaster.PID_FILE))
                .flatMap(ProcessHandle::of);
    }

    static EmbeddedServer start(Path directory) {
        Path dataDir = directory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
            StalePostmaster.clear(dataDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(STARTUP_WAIT)
                    // no hook of its own: on SIGTERM it would stop PostgreSQL while the server's graceful
                    // shutdown still settles turns; close() (Database.close) stops it, last
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.info("Embedded PostgreSQL started on 127.0.0.1:{}", postgres.getPort());
            return new EmbeddedServer(postgres, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Stops the server and makes sure its postmaster is gone, whatever pg_ctl said. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("pg_ctl stop failed: {}", e.getMessage());
        }
        postmaster.ifPresent(process -> {
            if (!StalePostmaster.awaitExit(process, STOP_WAIT)) {
                LOG.warn("Embedded PostgreSQL (pid {}) did not stop; killing it", process.pid());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                StalePostmaster.awaitExit(process, STOP_WAIT);
            }
        });
    }
}
