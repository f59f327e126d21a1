package com.chimti.ai.adapter.out.persistence.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a killed previous run left in an embedded data directory, so the next start works: a
 * {@code postmaster.pid} naming a dead process (PostgreSQL refuses to start if that pid was reused by another
 * process), or an orphaned postmaster still serving the directory after its JVM was killed.
 */
final class StalePostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
    /** The lock file zonky's EmbeddedPostgres holds while a JVM owns the data directory. */
    static final String OWNER_LOCK_FILE = "epg-lock";
    static final String PID_FILE = "postmaster.pid";
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private StalePostmaster() {
    }

    static void clear(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNoLiveOwner(dataDir);
        Optional<ProcessHandle> running = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (running.isPresent() && isPostmasterOf(running.get(), dataDir)) {
            LOG.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by a previous run", running.get().pid());
            stop(running.get());
        } else {
            LOG.warn("Removing a stale {} left by a previous run", PID_FILE);
        }
        deleteQuietly(pidFile);
    }

    /** A live JVM holding the owner lock is really using the directory: never stop its server. */
    private static void requireNoLiveOwner(Path dataDir) {
        Path lockFile = dataDir.resolve(OWNER_LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("the embedded database directory is in use by another process");
            }
            lock.release();
        } catch (OverlappingFileLockException inThisJvm) {
            throw new IllegalStateException("the embedded database directory is already open in this process");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the embedded database directory lock", e);
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /** The pid may have been reused by an unrelated process; only a postgres serving this directory counts. */
    private static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("postgres") && commandLine.contains(dataDir.toString());
    }

    /** SIGTERM is PostgreSQL's clean "smart" shutdown; the orphan has no clients left, so it is quick. */
    private static void stop(ProcessHandle postmaster) {
        postmaster.destroy();
        if (!awaitExit(postmaster, STOP_WAIT)) {
            LOG.warn("Orphaned PostgreSQL (pid {}) ignored SIGTERM; killing it", postmaster.pid());
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            if (!awaitExit(postmaster, STOP_WAIT)) {
                throw new IllegalStateException("cannot stop the orphaned PostgreSQL process " + postmaster.pid());
            }
        }
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException stillRunning) {
            return !process.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file.getFileName(), e);
        }
    }
}
