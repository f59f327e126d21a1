package com.chimti.ai.adapter.out.persistence;

/**
 * The database(s) a *Contract runs on: the first instance's, and for contracts about what two server instances
 * share, an independent second {@link Database} stack on the same database.
 */
abstract class TestDatabases {
    protected Database database;
    protected Database other;

    Database database() {
        return database;
    }

    Database otherInstance() {
        if (other == null) {
            throw new IllegalStateException("this test was set up without a second instance");
        }
        return other;
    }
}
