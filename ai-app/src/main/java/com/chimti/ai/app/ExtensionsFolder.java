package com.chimti.ai.app;

import com.chimti.ai.core.port.out.AiExtension;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host extensions of {@code AI_EXTENSIONS_DIR}: every {@code *.jar} in the folder (not its sub-folders) goes
 * on one class loader whose parent is the server's own (so the jars see ai-core and the JDBC driver, and
 * {@code java -jar}'s ignored class path does not matter), and {@link ServiceLoader} finds the
 * {@link AiExtension}s those jars declare. A jar without one is a library the others may use. Only providers the
 * folder's jars define count, never what the server's own class path happens to list. A folder that is missing
 * or unreadable, a {@code .jar} that is not a jar, or a declared extension that cannot be loaded stops the start
 * with a {@link ConfigException}. The loader stays open until {@link #close()}: the handlers run on it.
 */
final class ExtensionsFolder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionsFolder.class);
    static final ExtensionsFolder NONE = new ExtensionsFolder(null, List.of());

    private final URLClassLoader loader;
    private final List<AiExtension> extensions;

    private ExtensionsFolder(URLClassLoader loader, List<AiExtension> extensions) {
        this.loader = loader;
        this.extensions = List.copyOf(extensions);
    }

    /** Loads the extensions of {@code dir}; {@link #NONE} when it is null (the variable is not set). */
    static ExtensionsFolder load(Path dir, ClassLoader parent) {
        if (dir == null) {
            return NONE;
        }
        if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
            throw new ConfigException(ConfigVariable.AI_EXTENSIONS_DIR + " does not name a readable folder");
        }
        List<Path> jars = jarsIn(dir);
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            urls.add(checkedJar(jar));
        }
        URLClassLoader loader = new URLClassLoader("ai-extensions", urls.toArray(URL[]::new), parent);
        try {
            List<AiExtension> found = new ArrayList<>();
            ServiceLoader.load(AiExtension.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .forEach(provider -> found.add(provider.get()));
            LOG.info("{} holds {} jars with {} extensions", ConfigVariable.AI_EXTENSIONS_DIR, jars.size(),
                    found.size());
            return new ExtensionsFolder(loader, found);
        } catch (ServiceConfigurationError | RuntimeException | LinkageError broken) {
            close(loader);
            throw new ConfigException(ConfigVariable.AI_EXTENSIONS_DIR + " declares an extension that cannot be"
                    + " loaded: " + broken.getClass().getSimpleName() + ": " + broken.getMessage());
        }
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException unreadable) {
            throw new ConfigException(ConfigVariable.AI_EXTENSIONS_DIR + " does not name a readable folder");
        }
    }

    /** Opens the jar once, so a broken one fails the start instead of a class lookup later. */
    private static URL checkedJar(Path jar) {
        try (JarFile ignored = new JarFile(jar.toFile())) {
            return jar.toUri().toURL();
        } catch (MalformedURLException impossible) {
            throw new IllegalStateException(impossible);
        } catch (IOException | SecurityException notAJar) {
            throw new ConfigException(ConfigVariable.AI_EXTENSIONS_DIR + " holds " + jar.getFileName()
                    + ", which is not a readable jar");
        }
    }

    List<AiExtension> extensions() {
        return extensions;
    }

    @Override
    public void close() {
        if (loader != null) {
            close(loader);
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the jars stay open until the process ends
        }
    }
}
