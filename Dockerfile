# syntax=docker/dockerfile:1
#
# The standalone Chimti AI server (ai-app/target/chimti-ai-server.jar) with the pinned Codex CLI.
#
#   docker build -t chimti-ai-server .
#   docker run -p 8080:8080 -e AI_AUTH_JWT_SECRET=... \
#       --security-opt seccomp=unconfined --security-opt systempaths=unconfined \
#       -v chimti-data:/data -v chimti-profiles:/profiles -v chimti-workspaces:/workspaces chimti-ai-server
#
# Three stages:
#   build     : Maven builds the jar. The install-codex-cli profile is switched OFF here (-P '!install-codex-cli'),
#               so this stage needs no Node.js/npm; the CLI is installed by the next stage instead.
#   codex-cli : npm installs the CLI from the project's own cli/package.json + package-lock.json (`npm ci`),
#               exactly what the profile would have done, in a throwaway Node image.
#   runtime   : a JRE, the jar and the installed CLI. No Node.js: the provider only ever runs the native,
#               statically linked binary (never the `bin/codex.js` Node shim), so Node is needed to install
#               the CLI but not to run it. `codex --version` is checked against the pin during the build.
#
# x86-64 only: the provider runs the linux-x64 build of the CLI (CodexCli.NATIVE_BINARY) and the embedded
# PostgreSQL ships only zonky's linux-amd64 binaries (ai-persistence-jdbi/pom.xml). The Node and runtime stages
# are therefore pinned to linux/amd64; on another host the build runs them under emulation.
#
# Read-only root filesystem: feasible. Everything the server writes goes to the three volumes and to /tmp:
#   docker run --read-only --tmpfs /tmp:rw,exec,nosuid,nodev,size=512m --stop-timeout 45 \
#       -v chimti-data:/data -v chimti-profiles:/profiles -v chimti-workspaces:/workspaces ...
# --stop-timeout: on SIGTERM running turns get AI_SHUTDOWN_GRACE_SECONDS (25) to finish before they are
# cancelled and settled; Docker's default 10 s would SIGKILL the server in the middle of that.
# /tmp must be writable AND executable: the embedded PostgreSQL (zonky) unpacks its binaries into
# ${java.io.tmpdir}/embedded-pg and runs them from there, and Docker's --tmpfs is noexec by default.
# With an external database (AI_DB_URL) nothing is unpacked and /tmp only holds small temporary files.

# The pinned Codex CLI has one source of truth, ai-provider-codex/cli/package.json (with its lockfile): the stages
# below read the version from it, npm installs exactly it, and the binary's --version is checked against it.

# ---------------------------------------------------------------------------------------------------------------
# 1. build: the jar, with the Maven version of the wrapper (.mvn/wrapper/maven-wrapper.properties)
# ---------------------------------------------------------------------------------------------------------------
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src

# The poms first: the dependency layer below is rebuilt only when a pom changes, not on every source edit.
COPY --chmod=0755 mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY ai-core/pom.xml ai-core/
COPY ai-provider-codex/pom.xml ai-provider-codex/
COPY ai-provider-openai-stub/pom.xml ai-provider-openai-stub/
COPY ai-persistence-jdbi/pom.xml ai-persistence-jdbi/
COPY ai-web-javalin/pom.xml ai-web-javalin/
COPY ai-app/pom.xml ai-app/
COPY examples/orders-extension/pom.xml examples/orders-extension/

# Downloads the wrapper's Maven and, from the poms alone, the dependencies and plugins into this layer.
# Best effort: whatever it cannot fetch here, the package step fetches; a failure here never hides a real one.
RUN ./mvnw -B -q -P '!install-codex-cli' org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline \
    || echo "dependency warm-up incomplete; the package step fetches the rest" >&2

COPY ai-core/src ai-core/src
COPY ai-provider-codex/src ai-provider-codex/src
COPY ai-provider-openai-stub/src ai-provider-openai-stub/src
COPY ai-persistence-jdbi/src ai-persistence-jdbi/src
COPY ai-web-javalin/src ai-web-javalin/src
COPY ai-app/src ai-app/src
COPY examples/orders-extension/src examples/orders-extension/src

# The README's build command, minus the npm step (see the top of this file). Tests run in CI (`./mvnw -B verify`),
# not here: they need the real CLI, a fake OpenAI and PostgreSQL.
RUN ./mvnw -B -q -P '!install-codex-cli' -DskipTests package \
    && test -s ai-app/target/chimti-ai-server.jar

# ---------------------------------------------------------------------------------------------------------------
# 2. codex-cli: the pinned CLI from the project's lockfile
# ---------------------------------------------------------------------------------------------------------------
FROM --platform=linux/amd64 node:22.20.0-bookworm-slim AS codex-cli
WORKDIR /opt/codex
COPY ai-provider-codex/cli/package.json ai-provider-codex/cli/package-lock.json ./
# `npm ci` installs exactly the lockfile (integrity-checked) or fails; the CLI has no install scripts.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && pinned="$(node -p "require('./package.json').dependencies['@openai/codex']")" \
    && installed="$(node -p "require('./node_modules/@openai/codex/package.json').version")" \
    && echo "npm installed @openai/codex ${installed} (pinned: ${pinned})" \
    && test "${installed}" = "${pinned}" \
    && echo "${pinned}" > /opt/codex/PINNED_VERSION

# ---------------------------------------------------------------------------------------------------------------
# 3. runtime
# ---------------------------------------------------------------------------------------------------------------
FROM --platform=linux/amd64 eclipse-temurin:17.0.16_8-jre-noble AS runtime

# tini   : PID 1. Reaps orphans (the CLI's own children, an exec-mode turn killed mid-way) and forwards SIGTERM
#          to java only (no -g): the JVM's shutdown hook (AiServer.close) then cancels turns, stops HTTP, kills
#          each Codex app-server with its process tree and stops PostgreSQL, in that order.
# curl   : the HEALTHCHECK below.
# procps : /bin/kill, which exec-mode turns use to send SIGINT to `codex exec`; and ps for operators.
# bubblewrap : the OS confinement of every Codex CLI process (CODEX_CONFINEMENT, docs/security.md). It needs
#          unprivileged user namespaces and a fresh /proc inside the container, which Docker's defaults refuse:
#          run with `--security-opt seccomp=unconfined --security-opt systempaths=unconfined` (or a seccomp profile
#          that allows unshare/clone with CLONE_NEWUSER), plus `--security-opt apparmor=unconfined` on hosts whose
#          AppArmor restricts user namespaces. Without them the server starts with a warning (CODEX_CONFINEMENT=auto)
#          or not at all (required); /readyz and the startup log say which.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini curl procps ca-certificates bubblewrap \
    && rm -rf /var/lib/apt/lists/*

# A fixed non-root uid/gid, so volume ownership is predictable (PostgreSQL's initdb also refuses to run as root).
# /data       : AI_DATA_DIR: the embedded PostgreSQL (postgres/) and generated secrets (secrets/)
# /profiles   : AI_PROFILE_STORAGE_PATH: each user's CODEX_HOME, including their Codex credentials (auth.json)
# /workspaces : AI_WORKSPACE_STORAGE_PATH: each user's working folder for the CLI
RUN groupadd --system --gid 10001 chimti \
    && useradd --system --uid 10001 --gid chimti --home-dir /home/chimti --create-home \
       --shell /usr/sbin/nologin chimti \
    && mkdir -p /data /profiles /workspaces /opt/chimti \
    && chown chimti:chimti /data /profiles /workspaces \
    && chmod 0700 /data /profiles /workspaces

# The CLI and the jar belong to root and are read-only for the server user.
COPY --from=codex-cli /opt/codex/node_modules /opt/codex/node_modules
COPY --from=codex-cli /opt/codex/PINNED_VERSION /opt/codex/PINNED_VERSION
ENV CODEX_CLI_BIN=/opt/codex/node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex
# The same check the provider makes at startup (CodexCli: empty environment but PATH, last word of the output).
RUN reported="$(env -i PATH=/usr/local/bin:/usr/bin:/bin "${CODEX_CLI_BIN}" --version)" \
    && echo "Codex CLI reports: ${reported}" \
    && test "${reported##* }" = "$(cat /opt/codex/PINNED_VERSION)"

COPY --from=build /src/ai-app/target/chimti-ai-server.jar /opt/chimti/chimti-ai-server.jar

# Defaults for a container; every one can be overridden with -e. See docs/configuration.md for the rest.
# Authentication has no default on purpose: set AI_AUTH_JWT_SECRET or AI_AUTH_JWKS_URL (or AI_DEV_MODE=true).
ENV AI_HTTP_HOST=0.0.0.0 \
    AI_HTTP_PORT=8080 \
    AI_DATA_DIR=/data \
    AI_PROFILE_STORAGE_PATH=/profiles \
    AI_WORKSPACE_STORAGE_PATH=/workspaces \
    AI_PROVIDERS=codex \
    AI_DEFAULT_PROVIDER=codex

VOLUME ["/data", "/profiles", "/workspaces"]
EXPOSE 8080
WORKDIR /opt/chimti
USER 10001:10001

# Liveness only: /healthz needs no token and says the process serves HTTP. /readyz (database, Codex CLI) is for
# load balancers; it is not used here, so a missing Codex login or CLI does not get the container restarted.
# The start period covers the first start of the embedded PostgreSQL (initdb) and the Flyway migration.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:${AI_HTTP_PORT}/healthz" || exit 1

STOPSIGNAL SIGTERM

# JVM flags for a container:
#   MaxRAMPercentage=50   : half the container's memory for the heap; the rest is for the embedded PostgreSQL
#                           and one Codex app-server process per active user. -Xmx in JAVA_TOOL_OPTIONS wins
#                           over it, e.g. -e JAVA_TOOL_OPTIONS=-Xmx2g.
#   ExitOnOutOfMemoryError: die and be restarted rather than limp on.
#   java.io.tmpdir=/tmp   : where zonky unpacks PostgreSQL (see the read-only note at the top).
# Arguments after the image name go to the jar, e.g. `docker run --rm chimti-ai-server mint-token --sub u2`.
ENTRYPOINT ["/usr/bin/tini", "--", "java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/opt/chimti/chimti-ai-server.jar"]
