package com.chimti.ai.adapter.out.codex.runtime;

import com.chimti.ai.adapter.out.codex.process.ChildEnvironment;
import com.chimti.ai.adapter.out.codex.process.CliLauncher;
import com.chimti.ai.adapter.out.codex.process.CliProcess;
import com.chimti.ai.adapter.out.codex.process.CodexCli;
import com.chimti.ai.adapter.out.codex.process.Confinement;
import com.chimti.ai.adapter.out.codex.process.ProcessCap;
import com.chimti.ai.adapter.out.codex.process.ProcessLimits;
import com.chimti.ai.adapter.out.codex.process.ProcessTrees;
import com.chimti.ai.adapter.out.codex.profile.CodexCliPin;
import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.adapter.out.codex.rpc.AppServer;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.TurnCapacity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Codex CLI processes of this server and their lifecycle: every user's long-lived {@code codex
 * app-server} (started on first use or ahead of it, reaped when idle, evicted to make room under the process cap,
 * killed with its tree on close; a pid file per profile lets the next start kill leftovers of a crashed run),
 * every exec-mode process, and the leases on them. A turn receives a lease from here and nothing else.
 */
public final class CodexRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CodexRuntime.class);

    private final CodexCli cli;
    private final Confinement confinement;
    private final ProviderReadiness readiness;
    /** Null when the CLI is not ready: nothing is started then. */
    private final CliLauncher launcher;
    private final CodexProfiles profiles;
    private final ChildEnvironment environment;
    private final Duration requestTimeout;
    private final AppServerRegistry servers;
    /** Places under the process cap reserved for turns and not yet taken over by them. */
    private final TurnReservations reservations = new TurnReservations();
    /** Starts app-servers ahead of use ({@link #warmUp}), off the timer thread: a slow start delays no reaping. */
    private final ExecutorService warmer;
    /** Profiles whose app-server a {@link #warmUp} is starting (one start per profile at a time). */
    private final Set<String> warming = ConcurrentHashMap.newKeySet();
    /** Running exec-mode processes with their profile id, killed on close (or when their user is forgotten). */
    private final Map<CliProcess, String> execProcesses = new ConcurrentHashMap<>();
    /** Profiles being forgotten: nothing of theirs may start meanwhile. */
    private final Set<String> forgetting = ConcurrentHashMap.newKeySet();
    /** Told of every app-server started, before anyone uses it. */
    private final List<BiConsumer<TenantUser, AppServer>> serverWatchers = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    /**
     * Kills the leftovers of a previous run and starts reaping idle app-servers on {@code timer}.
     *
     * @param requestTimeout the longest wait for one JSON-RPC answer, and for a profile an exec process holds
     * @param idleTimeout    an app-server nobody used for this long is stopped
     */
    public CodexRuntime(CodexCli cli, Confinement confinement, CodexProfiles profiles, ChildEnvironment environment,
                        ProcessLimits limits, Duration requestTimeout, Duration idleTimeout,
                        ScheduledExecutorService timer) {
        this.cli = cli;
        this.confinement = confinement;
        this.readiness = readiness(cli, confinement);
        this.launcher = cli.readiness().ready() ? new CliLauncher(cli.bin(), confinement) : null;
        this.profiles = profiles;
        this.environment = environment;
        this.requestTimeout = requestTimeout;
        this.servers = new AppServerRegistry(idleTimeout, requestTimeout, limits.newCap());
        this.warmer = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "codex-provider-warm-up");
            thread.setDaemon(true);
            return thread;
        });
        cleanLeftovers();
        long every = Math.max(200, Math.min(idleTimeout.toMillis() / 2, 5_000));
        timer.scheduleWithFixedDelay(servers::reapIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The CLI's own readiness, then the confinement's: required and missing means not ready, and so does an
     * untested CLI version without it (it may offer the model a tool the server does not know to turn off).
     */
    public static ProviderReadiness readiness(CodexCli cli, Confinement confinement) {
        if (!cli.readiness().ready()) {
            return cli.readiness();
        }
        if (!cli.tested()) {
            return confinement.active()
                    ? ProviderReadiness.readyWith("the Codex CLI " + cli.version() + " is untested (the tested "
                            + "version is " + CodexCliPin.version() + "); it runs because "
                            + "CODEX_CLI_VERSION_CHECK=warn")
                    : ProviderReadiness.notReady("CODEX_CLI_VERSION_CHECK=warn runs an untested Codex CLI ("
                            + cli.version() + ") only confined, and it cannot be confined here: "
                            + confinement.unavailableBecause());
        }
        if (confinement.active() || confinement.mode() == Confinement.Mode.OFF) {
            return ProviderReadiness.READY;
        }
        if (confinement.mode() == Confinement.Mode.REQUIRED) {
            return ProviderReadiness.notReady("CODEX_CONFINEMENT=required but the Codex CLI cannot run confined: "
                    + confinement.unavailableBecause());
        }
        return ProviderReadiness.readyWith("the Codex CLI runs unconfined (" + confinement.unavailableBecause()
                + "): its processes can read every file the server's OS user can; install bubblewrap or set "
                + "CODEX_CONFINEMENT=required");
    }

    public ProviderReadiness readiness() {
        return readiness;
    }

    public CodexCli cli() {
        return cli;
    }

    public Confinement confinement() {
        return confinement;
    }

    /** Throws unless the CLI is ready. */
    public void ensureReady() {
        if (!readiness.ready()) {
            throw new ProviderFailureException("the Codex CLI is not available");
        }
    }

    /** Tells {@code watcher} of every app-server started from now on, before it is used. */
    public void watchAppServers(BiConsumer<TenantUser, AppServer> watcher) {
        serverWatchers.add(watcher);
    }

    // ---------------------------------------------------------------- leases

    /** A lease on the user's app-server, started now if it is not warm. */
    public AppServerLease lease(TenantUser user) {
        ensureReady();
        String profileId = profiles.profileId(user);
        requireNotForgetting(profileId);
        AppServerLease lease = servers.lease(profileId, () -> startServer(user, profileId));
        profiles.tightenAuthFile(profiles.home(user));
        return lease;
    }

    /** The lease {@link #reserveAppServer} took for this user's turn, or a new one. */
    public AppServerLease turnLease(TenantUser user) {
        AppServerLease reserved = reservations.take(user, AppServerLease.class);
        return reserved != null ? reserved : lease(user);
    }

    /**
     * The user's profile for one exec process: exclusively (waits up to {@code wait} until no app-server call of
     * the user runs, then stops the user's idle app-server), a place under the process cap (the one {@link
     * #reserveExecProcess} took, or a new one) and the profile prepared.
     */
    public ExecLease execLease(TenantUser user, Duration wait) {
        ensureReady();
        requireNotForgetting(profiles.profileId(user));
        AppServerRegistry.Exclusive exclusive = servers.exclusive(profiles.profileId(user), wait);
        try {
            ProcessCap.Permit reserved = reservations.take(user, ProcessCap.Permit.class);
            ProcessCap.Permit permit = reserved != null ? reserved : servers.cap().acquire();
            try {
                Path home = prepareProfile(user);
                return new ExecLease(this, exclusive, permit, home, profiles.workspace(user).toAbsolutePath());
            } catch (RuntimeException e) {
                permit.close();
                throw e;
            }
        } catch (RuntimeException e) {
            exclusive.close();
            throw e;
        }
    }

    /**
     * The place under the process cap of the user's coming app-server turn, taken before the turn is stored: a
     * lease on the user's app-server (started now if it is not warm; a warm one is kept from being evicted), which
     * {@link #turnLease} hands to the turn. Refuses with a {@code RateLimitedException} past the cap's queue.
     */
    public TurnCapacity reserveAppServer(TenantUser user) {
        return reservations.hold(user, lease(user));
    }

    /** The same for an exec turn: a permit for its process, which {@link #execLease} hands to the turn. */
    public TurnCapacity reserveExecProcess(TenantUser user) {
        return reservations.hold(user, servers.cap().acquire());
    }

    /**
     * Starts a connected user's app-server in the background, unless it runs already or no place under the
     * process cap is free now: the next turn then finds it warm. Never stops another user's process for it,
     * never blocks the caller.
     */
    public void warmUp(TenantUser user) {
        if (closing || !readiness.ready()) {
            return;
        }
        String profileId = profiles.profileId(user);
        if (servers.pid(profileId) != -1 || forgetting.contains(profileId) || !profiles.hasCredentials(user)
                || !warming.add(profileId)) {
            return;
        }
        try {
            warmer.execute(() -> {
                try {
                    if (servers.warm(profileId, () -> startServer(user, profileId))) {
                        profiles.tightenAuthFile(profiles.home(user));
                        LOG.debug("codex app-server started ahead of a turn");
                    }
                } catch (RuntimeException failed) {
                    // only a guess: the turn starts the process itself and reports what goes wrong
                    LOG.debug("codex app-server could not be started ahead: {}", failed.getClass().getSimpleName());
                } finally {
                    warming.remove(profileId);
                }
            });
        } catch (RejectedExecutionException closed) {
            warming.remove(profileId);
        }
    }

    // ---------------------------------------------------------------- processes

    private Path prepareProfile(TenantUser user) {
        Path home = profiles.prepare(user);
        profiles.tightenAuthFile(home);
        return home;
    }

    private AppServer startServer(TenantUser user, String profileId) {
        // under the profile's slot lock: a start that begins once a forget did fails, one before is stopped by it
        requireNotForgetting(profileId);
        Path home = profiles.prepare(user);
        AppServer server = AppServer.start(launcher, environment.forProfile(home), home, profiles.workspace(user),
                requestTimeout, profileId.substring(0, 8));
        serverWatchers.forEach(watcher -> watcher.accept(user, server));
        return server;
    }

    CliProcess startExec(List<String> arguments, Path home, Path workspace, Duration timeout) {
        CliProcess process = launcher.start(arguments, environment.forProfile(home), home, workspace, timeout,
                "codex-exec", "");
        String profileId = home.getFileName().toString();
        execProcesses.put(process, profileId);
        if (closing || forgetting.contains(profileId)) {
            process.killTree(Duration.ofSeconds(1));
        }
        return process;
    }

    void untrack(CliProcess process) {
        execProcesses.remove(process);
    }

    /** Kills app-servers a previous run of the server left behind (pid file per profile). */
    private void cleanLeftovers() {
        for (Path home : profiles.existingHomes()) {
            Path pidFile = home.resolve(AppServer.PID_FILE);
            if (!Files.exists(pidFile)) {
                continue;
            }
            try {
                String[] parts = Files.readString(pidFile).strip().split("\\s+");
                long pid = Long.parseLong(parts[0]);
                String started = parts.length > 1 ? parts[1] : "";
                ProcessHandle.of(pid).ifPresent(handle -> {
                    String start = handle.info().startInstant().map(Object::toString).orElse("");
                    // the CLI itself, or the bubblewrap that confines it
                    boolean codex = handle.info().command()
                            .map(c -> c.endsWith("codex") || c.endsWith("bwrap")).orElse(false);
                    if (codex && start.equals(started)) {
                        LOG.info("stopping a leftover codex app-server (pid {})", pid);
                        ProcessTrees.kill(handle, Duration.ofSeconds(2));
                    }
                });
                Files.deleteIfExists(pidFile);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not check a leftover codex pid file: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Stops every app-server and exec process; the caller stops the timer. */
    @Override
    public void close() {
        closing = true;
        warmer.shutdownNow();
        servers.close();
        for (CliProcess process : List.copyOf(execProcesses.keySet())) {
            process.killTree(Duration.ofSeconds(2));
        }
    }

    /**
     * Erasure: stops every process of the user, whoever holds it (their app-server, with a running turn or a
     * pending login on it, and their exec processes), gives back the places reserved for their turns, then
     * deletes their profile (CODEX_HOME: credentials, config, the CLI's sessions and logs) and workspace. Nothing
     * of theirs starts while this runs. Idempotent.
     */
    public void forget(TenantUser user) {
        String profileId = profiles.profileId(user);
        forgetting.add(profileId); // from here on no process of the profile starts (see startServer)
        try {
            reservations.releaseAll(user);
            servers.stopNow(profileId);
            execProcesses.forEach((process, profile) -> {
                if (profile.equals(profileId)) {
                    process.killTree(Duration.ofSeconds(2));
                }
            });
            profiles.delete(user);
        } finally {
            forgetting.remove(profileId);
        }
    }

    private void requireNotForgetting(String profileId) {
        if (forgetting.contains(profileId)) {
            throw new ProviderFailureException("this user's Codex profile is being deleted");
        }
    }

    // ---------------------------------------------------------------- for health pages, metrics and tests

    /** Running app-servers that nobody holds (warm and idle). */
    public int runningAppServers() {
        return servers.running();
    }

    /** The pid of the user's running app-server, or -1 when none is warm. */
    public long appServerPid(TenantUser user) {
        return servers.pid(profiles.profileId(user));
    }

    /** Places under the process cap held now (app-servers and exec processes). */
    public int liveProcesses() {
        return servers.cap().inUse();
    }

    /** Callers waiting for a place under the process cap. */
    public int queuedForProcess() {
        return servers.cap().queued();
    }

    /** The cap on live CLI processes. */
    public int maxProcesses() {
        return servers.cap().capacity();
    }
}
