package com.chimti.ai.adapter.out.persistence.testing;

/**
 * The database(s) a *Contract runs on: the first instance's, and for contracts about what two server instances
 * share, an independent second {@link ServerInstance} (its own pool and adapters) on the same database.
 */
public abstract class TestDatabases {
    protected ServerInstance instance;
    protected ServerInstance other;

    public ServerInstance instance() {
        return instance;
    }

    public ServerInstance otherInstance() {
        if (other == null) {
            throw new IllegalStateException("this test was set up without a second instance");
        }
        return other;
    }
}
