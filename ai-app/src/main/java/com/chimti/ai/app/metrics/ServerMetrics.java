package com.chimti.ai.app.metrics;

import com.chimti.ai.adapter.out.persistence.billing.JdbiWallets;
import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.IntSupplier;

/**
 * The server's registry: JVM meters, the live Codex CLI processes and, once the web edge exists, its streams,
 * requests, rate-limit refusals, connection pool and open wallet reservations.
 */
public final class ServerMetrics implements AutoCloseable {
    static final String CLI_PROCESSES = "codex.cli.processes.active";
    static final String SSE_STREAMS = "ai.sse.streams.active";
    static final String CLI_INFO = "codex.cli.info";
    static final String OPEN_RESERVATIONS = "ai.wallet.reservations.open";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder(CLI_PROCESSES, ServerMetrics::liveCodexProcesses)
                .description("Codex CLI processes running under this server")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Publishes the number of SSE connections being served, read from the web edge at each scrape. */
    public void watchStreams(IntSupplier activeStreams) {
        Gauge.builder(SSE_STREAMS, activeStreams, s -> s.getAsInt())
                .description("SSE connections being served right now")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Publishes which Codex CLI runs ({@code codex_cli_info{version, tested, confined} 1}): an operator who runs an
     * untested CLI on purpose ({@code CODEX_CLI_VERSION_CHECK=warn}) or unconfined sees it on the dashboard.
     */
    public void watchCodexCli(String version, boolean tested, boolean confined) {
        Gauge.builder(CLI_INFO, () -> 1)
                .description("The Codex CLI this server runs: its version, whether it is the tested pin, whether confined")
                .tag("version", version == null ? "none" : version)
                .tag("tested", Boolean.toString(tested))
                .tag("confined", Boolean.toString(confined))
                .register(registry);
    }

    /** Request metrics of the web edge ({@code http_server_requests_seconds}); give it to the web builder. */
    public HttpRequestMetrics httpRequests() {
        return new HttpRequestMetrics(registry);
    }

    /**
     * Publishes the connection pool's meters ({@code hikaricp_connections_*}) and the wallet reservations still
     * open, counted in the shared database at each scrape (so every instance shows the same figure; NaN while
     * the database cannot be read).
     */
    public void watchDatabase(Database database, JdbiWallets wallets) {
        database.poolMetrics(new MicrometerMetricsTrackerFactory(registry));
        Gauge.builder(OPEN_RESERVATIONS, wallets, ServerMetrics::openReservations)
                .description("Wallet reservations (credits held by running turns) still open, in the shared database")
                .strongReference(true)
                .register(registry);
    }

    private static double openReservations(JdbiWallets wallets) {
        try {
            return wallets.openReservations();
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    /** Live descendants of this JVM whose executable is the {@code codex} binary. */
    static long liveCodexProcesses() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/codex")).orElse(false))
                .count();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
