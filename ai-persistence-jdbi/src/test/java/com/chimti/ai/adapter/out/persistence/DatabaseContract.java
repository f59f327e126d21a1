package com.chimti.ai.adapter.out.persistence;

/**
 * Base of the *Contract classes, which run the same tests on every PostgreSQL: each concrete test registers the
 * {@link TestDatabases} extension it runs on (embedded or external) and hands it out in {@link #databases()}.
 */
abstract class DatabaseContract {
    protected abstract TestDatabases databases();

    /** The (first) instance's database. */
    protected Database database() {
        return databases().database();
    }

    /** Another pool and JDBI on the same PostgreSQL database: the second instance. */
    protected Database otherInstance() {
        return databases().otherInstance();
    }
}
