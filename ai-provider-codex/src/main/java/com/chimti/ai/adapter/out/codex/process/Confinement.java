package com.chimti.ai.adapter.out.codex.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Layer 2 of the CLI's isolation: each CLI process runs under bubblewrap in namespaces of its own, where the
 * file system holds only system folders (read-only), the CLI's own install (read-only), the user's profile and
 * workspace (read-write, at their host paths so {@code cwd} and {@code -C} stay valid), a private {@code /tmp}
 * and a {@code /proc} of its own PID namespace. Nothing of the data folder, other profiles, other workspaces or
 * the server's processes is there. The network stays shared: the CLI must reach the model.
 *
 * <p>Secrets reach the CLI through bubblewrap's own environment (which it hands on), never {@code --setenv},
 * whose values would show in {@code /proc/<pid>/cmdline}.
 */
public final class Confinement {
    /** {@code CODEX_CONFINEMENT}: whether CLI processes must, may or must not run confined. */
    public enum Mode {
        /** Confined when bubblewrap works here; otherwise unconfined with a warning (startup log, /readyz). */
        AUTO,
        /** Confined, or the provider is not ready. */
        REQUIRED,
        /** Never confined (a host that confines the whole server some other way). */
        OFF;

        /** {@code auto}, {@code required} or {@code off} (case-insensitive); null or blank = {@link #AUTO}. */
        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CODEX_CONFINEMENT must be auto, required or off");
            }
        }
    }

    static final List<Path> BWRAP_LOCATIONS = List.of(Path.of("/usr/bin/bwrap"), Path.of("/bin/bwrap"),
            Path.of("/usr/local/bin/bwrap"));
    /** System folders the CLI (a static binary) and, in tests, a shell need; read-only, missing ones skipped. */
    private static final List<String> SYSTEM_PATHS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32", "/etc/ssl", "/etc/ca-certificates", "/etc/pki", "/etc/resolv.conf", "/etc/hosts",
            "/etc/nsswitch.conf", "/etc/host.conf", "/etc/gai.conf", "/etc/passwd", "/etc/group", "/etc/localtime",
            "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives");

    private final Mode mode;
    private final Path bwrap;
    private final Path cliInstall;
    private final String unavailableBecause;

    private Confinement(Mode mode, Path bwrap, Path cliInstall, String unavailableBecause) {
        this.mode = mode;
        this.bwrap = bwrap;
        this.cliInstall = cliInstall;
        this.unavailableBecause = unavailableBecause;
    }

    /**
     * Decides once, at start, whether CLI processes run confined: in {@link Mode#AUTO} and {@link Mode#REQUIRED}
     * it runs {@code codex --version} under bubblewrap with the same mounts a turn gets.
     */
    public static Confinement probe(Mode mode, Path cliBin) {
        return probe(mode, cliBin, BWRAP_LOCATIONS);
    }

    static Confinement probe(Mode mode, Path cliBin, List<Path> bwrapLocations) {
        if (mode == Mode.OFF) {
            return new Confinement(mode, null, null, "CODEX_CONFINEMENT=off");
        }
        if (cliBin == null) {
            return new Confinement(mode, null, null, "the Codex CLI is not installed");
        }
        Path bwrap = bwrapLocations.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (bwrap == null) {
            return new Confinement(mode, null, null, "bubblewrap (bwrap) is not installed");
        }
        Confinement candidate = new Confinement(mode, bwrap, installFolder(cliBin), null);
        String failure = candidate.tryRun(cliBin);
        return failure == null ? candidate : new Confinement(mode, null, null, failure);
    }

    /** The folder of the CLI's install that is bound in: the platform folder holding {@code bin/codex} and its helpers. */
    static Path installFolder(Path cliBin) {
        Path dir = cliBin.toAbsolutePath().normalize().getParent();
        return "bin".equals(String.valueOf(dir.getFileName())) && dir.getParent() != null ? dir.getParent() : dir;
    }

    public Mode mode() {
        return mode;
    }

    /** Whether CLI processes run under bubblewrap. */
    public boolean active() {
        return bwrap != null;
    }

    /** Why they do not (null when {@link #active()}). */
    public String unavailableBecause() {
        return unavailableBecause;
    }

    /**
     * The command line that runs {@code command} (the CLI and its arguments) confined to {@code profile} and
     * {@code workspace}, or {@code command} itself when confinement is not active.
     */
    List<String> wrap(List<String> command, Path profile, Path workspace) {
        if (!active()) {
            return command;
        }
        List<String> args = baseArguments();
        bind(args, "--bind", profile.toAbsolutePath().normalize());
        bind(args, "--bind", workspace.toAbsolutePath().normalize());
        args.add("--chdir");
        args.add(workspace.toAbsolutePath().normalize().toString());
        args.add("--");
        args.addAll(command);
        return args;
    }

    private List<String> baseArguments() {
        List<String> args = new ArrayList<>(List.of(bwrap.toString(),
                // a user namespace of its own: its capabilities reach nothing outside, and the CLI's own command
                // sandbox (itself bubblewrap) can still nest inside
                "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session"));
        for (String system : SYSTEM_PATHS) {
            args.add("--ro-bind-try");
            args.add(system);
            args.add(system);
        }
        // after /tmp, so a profile or workspace under the temp dir is bound over the private /tmp, not hidden by it
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        bind(args, "--ro-bind", cliInstall);
        return args;
    }

    private static void bind(List<String> args, String how, Path path) {
        args.add(how);
        args.add(path.toString());
        args.add(path.toString());
    }

    /** Runs {@code codex --version} confined; null when it worked, else why not. */
    private String tryRun(Path cliBin) {
        List<String> command = new ArrayList<>(baseArguments());
        command.add("--");
        command.add(cliBin.toAbsolutePath().normalize().toString());
        command.add("--version");
        ShortCommand.Result result = ShortCommand.run(command);
        if (result == null) {
            return "bubblewrap could not run a test in time";
        }
        if (result.exitCode() != 0 || !result.output().startsWith("codex")) {
            // bwrap's own message says what the host refused (e.g. user namespaces); it holds no secret
            String firstLine = result.output().lines().findFirst().orElse("exit " + result.exitCode());
            return "bubblewrap cannot run the CLI here: " + firstLine.substring(0, Math.min(200, firstLine.length()));
        }
        return null;
    }

    @Override
    public String toString() {
        return active() ? "confined (" + bwrap + ")" : "unconfined (" + unavailableBecause + ")";
    }
}
