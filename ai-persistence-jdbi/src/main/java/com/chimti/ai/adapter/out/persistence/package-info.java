/**
 * PostgreSQL persistence for the AI layer's outbound ports, through JDBI SQL Objects (plain JDBC for the listing
 * reads), a HikariCP pool and Flyway migrations ({@code db/migration}).
 * {@link com.chimti.ai.adapter.out.persistence.connection.Database} owns the connection: it starts an embedded
 * server (zonky binaries, data kept under the configured directory) or connects to an external one, migrates the
 * schema and checks the setup the instances share. The adapters are built on it, one package per concept:
 * {@code chat}, {@code billing} (wallets, usage, settlement), {@code action}, {@code artifact} (the records; the
 * bytes are files, see {@code com.chimti.ai.adapter.out.files}), {@code account} (logins, settings, profile moves)
 * and {@code turn} (event log, cancels, profile locks, rate limits), with the SQL helpers they share in
 * {@code sql}. Row records and DAO interfaces stay package-private next to their adapter, so nothing outside
 * depends on the table layout.
 */
package com.chimti.ai.adapter.out.persistence;
