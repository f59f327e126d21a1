/**
 * PostgreSQL persistence for the AI layer's outbound repository ports, through JDBI SQL Objects (plain JDBC
 * for the listing reads, see {@link com.chimti.ai.adapter.out.persistence.HotReads}), a HikariCP pool and
 * Flyway migrations ({@code db/migration}). {@link com.chimti.ai.adapter.out.persistence.Database} is
 * the only entry point: it starts an embedded server (zonky binaries, data kept under the configured directory)
 * or connects to an external one, and hands out the repositories. Row records and DAO interfaces stay
 * package-private so nothing outside depends on the table layout.
 */
package com.chimti.ai.adapter.out.persistence;
