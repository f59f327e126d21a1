package com.chimti.ai.adapter.out.persistence.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.core.port.out.ProfileLocks;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The per-user advisory locks on every PostgreSQL (embedded and external), with two independent {@link Database}
 * stacks on one database standing in for two server instances.
 */
abstract class ProfileLocksContract extends DatabaseContract {
    private static String user() {
        return "1:c/" + UUID.randomUUID();
    }

    @Test
    void aLockHeldByOneInstanceIsRefusedToTheOtherUntilReleased() {
        String alice = user();
        Optional<ProfileLocks.Lock> held = instance().profileLocks().tryLock(alice);
        assertThat(held).isPresent();

        assertThat(otherInstance().profileLocks().tryLock(alice)).as("held by the first instance").isEmpty();
        Optional<ProfileLocks.Lock> bobs = otherInstance().profileLocks().tryLock(user());
        assertThat(bobs).as("another user's lock is free").isPresent();

        held.get().close();
        held.get().close(); // idempotent
        Optional<ProfileLocks.Lock> taken = otherInstance().profileLocks().tryLock(alice);
        assertThat(taken).as("free once released").isPresent();
        assertThat(instance().profileLocks().tryLock(alice)).isEmpty();
        taken.get().close();
        bobs.get().close();
    }

    @Test
    void anInstanceWhoseSessionEndsLosesItsLocks() {
        String alice = user();
        String url;
        String dbUser;
        try (var handle = instance().jdbi().open()) {
            url = handle.getConnection().getMetaData().getURL();
            dbUser = handle.getConnection().getMetaData().getUserName();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        // a session of its own, as another instance's lock session is
        PgProfileLocks crashing = new PgProfileLocks(() -> java.sql.DriverManager.getConnection(url, dbUser, null));
        Optional<ProfileLocks.Lock> held = crashing.tryLock(alice);
        assertThat(held).isPresent();
        assertThat(otherInstance().profileLocks().tryLock(alice)).isEmpty();

        crashing.close(); // as a crash ends the session

        // the server ends the backend (and frees its locks) a moment after the client closed the connection
        Optional<ProfileLocks.Lock> taken = otherInstance().profileLocks().tryLock(alice);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (taken.isEmpty() && System.nanoTime() < deadline) {
            sleep(50);
            taken = otherInstance().profileLocks().tryLock(alice);
        }
        assertThat(taken).isPresent();
        held.get().close(); // a late release of the lost lock changes nothing
        assertThat(instance().profileLocks().tryLock(alice)).as("still held by the other instance").isEmpty();
        taken.get().close();
    }

    @Test
    void keysMapToStableDistinctLockIds() {
        assertThat(PgProfileLocks.lockId("1:c/alice")).isEqualTo(PgProfileLocks.lockId("1:c/alice"))
                .isNotEqualTo(PgProfileLocks.lockId("1:c/bob"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
