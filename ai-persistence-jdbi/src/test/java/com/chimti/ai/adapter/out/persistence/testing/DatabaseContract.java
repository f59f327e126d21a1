package com.chimti.ai.adapter.out.persistence.testing;

/**
 * Base of the *Contract classes, which run the same tests on every PostgreSQL: each concrete test registers the
 * {@link TestDatabases} extension it runs on (embedded or external) and hands it out in {@link #databases()}.
 */
public abstract class DatabaseContract {
    protected abstract TestDatabases databases();

    /** The (first) instance on the database. */
    protected ServerInstance instance() {
        return databases().instance();
    }

    /** Another pool, JDBI and adapters on the same PostgreSQL database: the second instance. */
    protected ServerInstance otherInstance() {
        return databases().otherInstance();
    }
}
