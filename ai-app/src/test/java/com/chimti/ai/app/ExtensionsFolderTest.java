package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.chimti.ai.app.wiring.HostExtensions;
import com.chimti.ai.core.port.out.AiExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI_EXTENSIONS_DIR's loader on real jars, compiled here against ai-core: the extensions the folder's jars
 * declare are found on a loader of their own, and every way a folder can be wrong stops the start with a
 * {@link ConfigException} naming the variable.
 */
class ExtensionsFolderTest {
    @TempDir
    Path work;

    private Path folder() throws IOException {
        return Files.createDirectories(work.resolve("extensions"));
    }

    /** A jar in {@code folder} with one compiled extension class named {@code extensionName}, declared for ServiceLoader. */
    private Path extensionJar(Path folder, String jarName, String className, String extensionName)
            throws IOException {
        Path sources = Files.createDirectories(work.resolve("src-" + className));
        Path classes = Files.createDirectories(work.resolve("classes-" + className));
        Path source = sources.resolve(className + ".java");
        Files.writeString(source, "package probe;\n"
                + "public final class " + className + " implements com.chimti.ai.core.port.out.AiExtension {\n"
                + "    public String name() { return \"" + extensionName + "\"; }\n"
                + "}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String core = Path.of(AiExtension.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        int status = javac.run(null, null, null, "-classpath", core, "-d", classes.toString(), source.toString());
        assertThat(status).as("the probe extension compiles").isZero();
        Path jar = folder.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "probe/" + className + ".class", Files.readAllBytes(classes.resolve("probe/" + className
                    + ".class")));
            put(out, "META-INF/services/" + AiExtension.class.getName(),
                    ("probe." + className + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static Path libraryJar(Path folder) throws IOException {
        Path jar = folder.resolve("library.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            put(out, "library/readme.txt", "no extension here".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static ExtensionsFolder load(Path dir) {
        return ExtensionsFolder.load(dir, ExtensionsFolderTest.class.getClassLoader());
    }

    @Test
    void unsetMeansNoExtensions() {
        assertThat(load(null).extensions()).isEmpty();
    }

    @Test
    void theJarsDeclaredExtensionsAreFoundOnALoaderOfTheirOwn() throws IOException {
        Path folder = folder();
        extensionJar(folder, "probe.jar", "ProbeExtension", "probe");
        libraryJar(folder);
        Files.writeString(folder.resolve("README.txt"), "not a jar, not looked at");
        Files.createDirectories(folder.resolve("nested"));

        try (ExtensionsFolder loaded = load(folder)) {
            assertThat(loaded.extensions()).singleElement().satisfies(extension -> {
                assertThat(extension.name()).isEqualTo("probe");
                assertThat(extension.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
                assertThat(extension.getClass().getClassLoader().getParent()).isSameAs(getClass().getClassLoader());
            });
            assertThat(HostExtensions.NONE.with(loaded.extensions()).extensions()).hasSize(1);
        }
    }

    @Test
    void aMissingFolderOrAFileStopsTheStart() throws IOException {
        assertThatThrownBy(() -> load(work.resolve("nowhere")))
                .isInstanceOf(ConfigException.class).hasMessage("AI_EXTENSIONS_DIR does not name a readable folder");
        Path file = Files.writeString(work.resolve("a-file"), "x");
        assertThatThrownBy(() -> load(file))
                .isInstanceOf(ConfigException.class).hasMessage("AI_EXTENSIONS_DIR does not name a readable folder");
    }

    @Test
    void anUnreadableFolderStopsTheStart() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root reads any folder").isNotEqualTo("root");
        Path folder = folder();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("-wx------"));
        try {
            assertThatThrownBy(() -> load(folder)).isInstanceOf(ConfigException.class)
                    .hasMessage("AI_EXTENSIONS_DIR does not name a readable folder");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aJarThatIsNotAJarStopsTheStart() throws IOException {
        Path folder = folder();
        extensionJar(folder, "probe.jar", "ProbeExtension", "probe");
        Files.writeString(folder.resolve("orders.jar"), "<html>a download that went wrong</html>");

        assertThatThrownBy(() -> load(folder)).isInstanceOf(ConfigException.class)
                .hasMessage("AI_EXTENSIONS_DIR holds orders.jar, which is not a readable jar");
    }

    @Test
    void twoExtensionsWithOneNameStopTheStart() throws IOException {
        Path folder = folder();
        extensionJar(folder, "first.jar", "FirstOrders", "orders");
        extensionJar(folder, "second.jar", "SecondOrders", "orders");

        try (ExtensionsFolder loaded = load(folder)) {
            List<AiExtension> found = loaded.extensions();
            assertThat(found).hasSize(2);
            assertThatThrownBy(() -> HostExtensions.NONE.with(found)).isInstanceOf(ConfigException.class)
                    .hasMessage("two extensions are named orders: probe.FirstOrders and probe.SecondOrders");
        }
    }

    @Test
    void anExtensionWithAnInvalidNameStopsTheStart() throws IOException {
        Path folder = folder();
        extensionJar(folder, "bad.jar", "BadName", "Orders-2");

        try (ExtensionsFolder loaded = load(folder)) {
            assertThatThrownBy(() -> HostExtensions.NONE.with(loaded.extensions()))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("probe.BadName has an invalid name");
        }
    }

    @Test
    void aDeclaredExtensionThatCannotBeLoadedStopsTheStart() throws IOException {
        Path folder = folder();
        Path jar = folder.resolve("broken.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "META-INF/services/" + AiExtension.class.getName(),
                    "probe.Missing\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThatThrownBy(() -> load(folder)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("AI_EXTENSIONS_DIR declares an extension that cannot be loaded:")
                .hasMessageContaining("probe.Missing");
    }
}
