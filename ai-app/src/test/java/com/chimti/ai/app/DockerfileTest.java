package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Keeps the repository's Dockerfile in step with the build: every expected value is read from the file that owns
 * it (package.json, package-lock.json, CodexSettings, the poms), never written here. There is no Docker engine in
 * the test run, so this is what guards the image recipe.
 */
class DockerfileTest {
    /** Surefire runs ai-app's tests in ai-app/; the repository root is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Dockerfile dockerfile;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = Dockerfile.parse(Files.readString(ROOT.resolve("Dockerfile")));
    }

    @Test
    void pinsTheCodexCliOnlyInTheNpmManifestWhichTheLockfileTheProviderAndTheImageFollow() throws Exception {
        JsonNode manifest = JSON.readTree(ROOT.resolve("ai-provider-codex/cli/package.json").toFile());
        String inPackageJson = manifest.path("dependencies").path("@openai/codex").asText(null);
        JsonNode lock = JSON.readTree(ROOT.resolve("ai-provider-codex/cli/package-lock.json").toFile());
        String inLockfile = lock.path("packages").path("node_modules/@openai/codex").path("version").asText(null);
        // read at run time from the class on the classpath, not inlined by the compiler
        Object inProvider = CodexSettings.class.getField("PINNED_VERSION").get(null);

        String inLockedBinary = lock.path("packages").path("node_modules/@openai/codex-linux-x64").path("version")
                .asText(null);

        assertThat(inPackageJson).as("@openai/codex in ai-provider-codex/cli/package.json").matches("\\d+\\.\\d+\\.\\d+");
        assertThat(inLockfile).as("@openai/codex in ai-provider-codex/cli/package-lock.json").isEqualTo(inPackageJson);
        assertThat(inLockedBinary).as("the linux-x64 binary in the lockfile").isEqualTo(inPackageJson + "-linux-x64");
        assertThat(inProvider).as("CodexSettings.PINNED_VERSION").isEqualTo(inPackageJson);
        assertThat(dockerfile.text()).as("the Dockerfile names no CLI version of its own")
                .doesNotContain(inPackageJson).doesNotContain("CODEX_CLI_VERSION");
        Path installed = ROOT.resolve("ai-provider-codex/cli/node_modules/@openai/codex/package.json");
        if (Files.exists(installed)) {
            assertThat(JSON.readTree(installed.toFile()).path("version").asText())
                    .as("the CLI npm installed in ai-provider-codex/cli/node_modules").isEqualTo(inPackageJson);
        }
    }

    @Test
    void theDocsNameNoOtherPinnedVersion() throws Exception {
        String pin = JSON.readTree(ROOT.resolve("ai-provider-codex/cli/package.json").toFile())
                .path("dependencies").path("@openai/codex").asText();
        Pattern named = Pattern.compile("@openai/codex@(\\d+\\.\\d+\\.\\d+)");
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"),
                ROOT.resolve("ai-provider-codex/README.md"), ROOT.resolve("ai-web-javalin/README.md")));
        try (var files = Files.list(ROOT.resolve("docs"))) {
            // the compatibility record and the benchmark history name other versions on purpose
            files.filter(f -> f.getFileName().toString().endsWith(".md")) // not the images
                    .filter(f -> !f.getFileName().toString().matches("codex-cli-compatibility\\.md|benchmarks\\.md"))
                    .forEach(docs::add);
        }
        for (Path doc : docs) {
            Matcher m = named.matcher(Files.readString(doc));
            while (m.find()) {
                assertThat(m.group(1)).as(ROOT.relativize(doc) + " names the pinned CLI").isEqualTo(pin);
            }
        }
    }

    @Test
    void installsTheCliFromTheProjectsLockfileAndChecksItsVersion() {
        String text = dockerfile.text();
        assertThat(text).as("the CLI is installed from the project's own manifest and lockfile")
                .contains("ai-provider-codex/cli/package.json")
                .contains("ai-provider-codex/cli/package-lock.json")
                .containsPattern("npm ci\\b");
        assertThat(text).as("the installed binary's --version is compared with the pin during the build")
                .containsPattern("dependencies\\['@openai/codex'\\]")
                .containsPattern("--version[\\s\\S]*PINNED_VERSION");

        Stage runtime = dockerfile.finalStage();
        String cliBin = runtime.env().get("CODEX_CLI_BIN");
        assertThat(cliBin).as("ENV CODEX_CLI_BIN of the final stage").isNotNull();
        String nativeBinary = codexNativeBinary();
        assertThat(cliBin).as("CODEX_CLI_BIN is the native binary the provider looks for").endsWith("/" + nativeBinary);
    }

    @Test
    void baseImagesRunTheJavaReleaseTheBuildCompilesFor() throws Exception {
        String release = property(pom(ROOT.resolve("pom.xml")), "maven.compiler.release");
        assertThat(release).as("maven.compiler.release in the root pom").isNotBlank();

        List<Integer> javaVersions = new ArrayList<>();
        for (Stage stage : dockerfile.stages()) {
            Integer java = javaVersionOf(stage.image());
            if (java != null) {
                javaVersions.add(java);
            }
        }
        Stage build = dockerfile.stages().get(0);
        assertThat(build.image()).as("the first stage builds with Maven").startsWith("maven:");
        assertThat(javaVersionOf(build.image())).as("Java of the build image " + build.image())
                .isEqualTo(Integer.valueOf(release));
        assertThat(javaVersionOf(dockerfile.finalStage().image()))
                .as("Java of the runtime image " + dockerfile.finalStage().image())
                .isEqualTo(Integer.valueOf(release));
        assertThat(javaVersions).as("every Java base image").containsOnly(Integer.valueOf(release));
        for (Stage stage : dockerfile.stages()) {
            assertThat(stage.image()).as("base images are pinned to a version, not latest")
                    .contains(":").doesNotEndWith(":latest");
        }
    }

    @Test
    void theBuildStageCopiesEveryModuleOfTheReactor() throws Exception {
        List<String> copies = dockerfile.stages().get(0).all("COPY");
        Element modules = child(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "modules");
        for (Element module : children(modules, "module")) {
            String path = module.getTextContent().strip();
            assertThat(copies).as("the build stage copies " + path + "/pom.xml (the reactor fails without it)")
                    .contains(path + "/pom.xml " + path + "/");
            assertThat(copies).as("the build stage copies " + path + "/src").contains(path + "/src " + path + "/src");
        }
    }

    @Test
    void theFinalStageRunsAsAFixedNonRootUser() {
        String user = dockerfile.finalStage().last("USER");
        assertThat(user).as("USER of the final stage").isNotNull();
        String name = user.split(":")[0].strip();
        assertThat(name).as("USER of the final stage").isNotIn("root", "0", "");
        assertThat(name).as("a fixed numeric uid, so volume ownership is predictable").matches("[1-9][0-9]*");
    }

    @Test
    void tiniIsPidOneAndStartsTheJar() throws Exception {
        List<String> entrypoint = dockerfile.finalStage().execForm("ENTRYPOINT");
        assertThat(entrypoint).as("ENTRYPOINT of the final stage, in exec form").isNotEmpty();
        assertThat(entrypoint.get(0)).as("PID 1").endsWith("/tini");
        assertThat(entrypoint).as("tini hands over to java after --").containsSubsequence("--", "java");
        assertThat(entrypoint).as("JVM sized for a container").anyMatch(a -> a.startsWith("-XX:MaxRAMPercentage="));

        String jar = finalName() + ".jar";
        int dashJar = entrypoint.indexOf("-jar");
        assertThat(dashJar).as("java -jar").isPositive();
        assertThat(entrypoint.get(dashJar + 1)).as("the jar java starts").endsWith("/" + jar);
    }

    @Test
    void theJarCopiedIsTheOneAiAppBuilds() throws Exception {
        String jar = "ai-app/target/" + finalName() + ".jar";
        List<String> copies = dockerfile.finalStage().all("COPY");
        assertThat(copies).as("the final stage copies " + jar + " from the build stage")
                .anyMatch(c -> c.contains("--from=") && c.contains(jar));
        assertThat(dockerfile.text()).as("the build stage runs the wrapper's package")
                .containsPattern("\\./mvnw\\b[^\\n]*\\bpackage\\b");
    }

    @Test
    void declaresTheDataVolumesAndTheyMatchTheEnvironment() {
        Stage runtime = dockerfile.finalStage();
        List<String> volumes = new ArrayList<>();
        for (String volume : runtime.all("VOLUME")) {
            volumes.addAll(Dockerfile.words(volume));
        }
        Map<String, String> env = runtime.env();
        for (String variable : List.of("AI_DATA_DIR", "AI_PROFILE_STORAGE_PATH", "AI_WORKSPACE_STORAGE_PATH")) {
            String path = env.get(variable);
            assertThat(path).as("ENV " + variable + " of the final stage").isNotNull().startsWith("/");
            assertThat(volumes).as("a VOLUME holds " + variable + "=" + path)
                    .anyMatch(v -> path.equals(v) || path.startsWith(v.endsWith("/") ? v : v + "/"));
        }
    }

    @Test
    void hasAHealthcheckOnHealthzAndExposesTheHttpPort() {
        Stage runtime = dockerfile.finalStage();
        String healthcheck = runtime.last("HEALTHCHECK");
        assertThat(healthcheck).as("HEALTHCHECK of the final stage").isNotNull();
        assertThat(healthcheck.toUpperCase(Locale.ROOT)).as("a real check, not NONE").doesNotStartWith("NONE");
        assertThat(healthcheck).contains("/healthz");

        String port = runtime.env().get("AI_HTTP_PORT");
        assertThat(port).as("ENV AI_HTTP_PORT").isNotNull();
        List<String> exposed = new ArrayList<>();
        runtime.all("EXPOSE").forEach(e -> exposed.addAll(Dockerfile.words(e)));
        assertThat(exposed).as("EXPOSE matches AI_HTTP_PORT").anyMatch(e -> e.split("/")[0].equals(port));
    }

    // ---- values owned by other files ----

    /** The native binary path the provider searches for, read from CodexCli so both stay in step. */
    private static String codexNativeBinary() {
        try {
            return (String) Class.forName("com.chimti.ai.adapter.out.codex.process.CodexCli").getField("NATIVE_BINARY")
                    .get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("CodexCli.NATIVE_BINARY is not readable", e);
        }
    }

    private static String finalName() throws Exception {
        Document pom = pom(ROOT.resolve("ai-app/pom.xml"));
        Element build = child(pom.getDocumentElement(), "build");
        Element finalName = build == null ? null : child(build, "finalName");
        assertThat(finalName).as("<build><finalName> in ai-app/pom.xml").isNotNull();
        return finalName.getTextContent().strip();
    }

    private static Document pom(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static String property(Document pom, String name) {
        Element properties = child(pom.getDocumentElement(), "properties");
        Element property = properties == null ? null : child(properties, name);
        return property == null ? null : property.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    /**
     * The Java feature release of an image reference, from the usual tag shapes: {@code maven:3.9.11-eclipse-temurin-17},
     * {@code eclipse-temurin:17.0.16_8-jre-noble}, {@code eclipse-temurin:17-jre}; null for images without Java.
     */
    static Integer javaVersionOf(String image) {
        Matcher maven = Pattern.compile("^maven:[^@]*-(?:eclipse-temurin|amazoncorretto|sapmachine|ibm-semeru)-(\\d+)")
                .matcher(image);
        if (maven.find()) {
            return Integer.valueOf(maven.group(1));
        }
        Matcher jdk = Pattern.compile("^(?:[\\w.-]+/)*(?:eclipse-temurin|amazoncorretto|openjdk|sapmachine)"
                + ":(\\d+)").matcher(image);
        if (jdk.find()) {
            return Integer.valueOf(jdk.group(1));
        }
        return null;
    }

    // ---- a small Dockerfile reader: enough for instructions, stages, ARG/ENV values and exec forms ----

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {
        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        String last(String keyword) {
            List<String> all = all(keyword);
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }

        /** The stage's ENV values ({@code ENV A=1 B=2} and the older {@code ENV A 1}). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String arguments : all("ENV")) {
                List<String> words = Dockerfile.words(arguments);
                if (!words.isEmpty() && !words.get(0).contains("=")) {
                    env.put(words.get(0), arguments.strip().substring(words.get(0).length()).strip());
                    continue;
                }
                for (String word : words) {
                    int eq = word.indexOf('=');
                    if (eq > 0) {
                        env.put(word.substring(0, eq), word.substring(eq + 1));
                    }
                }
            }
            return env;
        }

        /** The JSON array of the last {@code keyword} instruction, or empty when it is absent or in shell form. */
        List<String> execForm(String keyword) throws IOException {
            String arguments = last(keyword);
            if (arguments == null || !arguments.strip().startsWith("[")) {
                return List.of();
            }
            List<String> words = new ArrayList<>();
            JSON.readTree(arguments).forEach(n -> words.add(n.asText()));
            return words;
        }
    }

    record Dockerfile(String text, List<Instruction> global, List<Stage> stages) {
        private static final Pattern FROM = Pattern.compile(
                "^(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$", Pattern.CASE_INSENSITIVE);

        static Dockerfile parse(String text) {
            List<Instruction> instructions = new ArrayList<>();
            StringBuilder current = null;
            for (String raw : text.split("\n", -1)) {
                String line = raw.strip();
                if (current == null && (line.isEmpty() || line.startsWith("#"))) {
                    continue;
                }
                if (current != null && line.startsWith("#")) {
                    continue; // comment lines inside a continued instruction
                }
                boolean continues = line.endsWith("\\");
                String part = continues ? line.substring(0, line.length() - 1) : line;
                current = current == null ? new StringBuilder(part) : current.append(' ').append(part);
                if (!continues) {
                    String whole = current.toString().strip();
                    int space = whole.indexOf(' ');
                    String keyword = (space < 0 ? whole : whole.substring(0, space)).toUpperCase(Locale.ROOT);
                    instructions.add(new Instruction(keyword, space < 0 ? "" : whole.substring(space + 1).strip()));
                    current = null;
                }
            }
            List<Instruction> global = new ArrayList<>();
            List<Stage> stages = new ArrayList<>();
            List<Instruction> body = null;
            for (Instruction instruction : instructions) {
                if (instruction.keyword().equals("FROM")) {
                    Matcher m = FROM.matcher(instruction.arguments());
                    assertThat(m.matches()).as("FROM " + instruction.arguments()).isTrue();
                    body = new ArrayList<>();
                    stages.add(new Stage(m.group(1), m.group(2), body));
                } else if (body == null) {
                    global.add(instruction);
                } else {
                    body.add(instruction);
                }
            }
            assertThat(stages).as("FROM instructions in the Dockerfile").isNotEmpty();
            return new Dockerfile(text, global, stages);
        }

        Stage finalStage() {
            return stages.get(stages.size() - 1);
        }

        static List<String> words(String arguments) {
            String s = arguments.strip();
            if (s.startsWith("[")) {
                try {
                    List<String> words = new ArrayList<>();
                    JSON.readTree(s).forEach(n -> words.add(n.asText()));
                    return words;
                } catch (IOException e) {
                    throw new AssertionError("not a JSON array: " + s, e);
                }
            }
            List<String> words = new ArrayList<>();
            for (String word : s.split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(unquote(word));
                }
            }
            return words;
        }

        private static String unquote(String value) {
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                return value.substring(1, value.length() - 1);
            }
            return value;
        }
    }
}
