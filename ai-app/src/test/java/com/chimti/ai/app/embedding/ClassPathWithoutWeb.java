package com.chimti.ai.app.embedding;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A class loader over the test class path minus the web adapter, Javalin and Jetty, as a host service that
 * never added them would have. Anything on the embedding path that touched them fails with NoClassDefFoundError.
 */
final class ClassPathWithoutWeb {
    /**
     * Parts of the class path a host without the HTTP edge does not have (and OpenTelemetry's test kit, whose
     * context-storage service would clash with this test's own loader).
     */
    private static final List<String> LEFT_OUT = List.of("ai-web-javalin", "/io/javalin/", "/org/eclipse/jetty/",
            "opentelemetry-sdk-testing");

    private ClassPathWithoutWeb() {
    }

    static URLClassLoader classLoader() {
        List<URL> urls = new ArrayList<>();
        for (String entry : testClassPath()) {
            if (entry.isBlank() || leftOut(entry)) {
                continue;
            }
            try {
                urls.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        // the platform loader as parent: JDK modules only, nothing of this test's own class path
        return new URLClassLoader("without-web", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    static boolean leftOut(String entry) {
        String normal = entry.replace(File.separatorChar, '/').toLowerCase(Locale.ROOT);
        return LEFT_OUT.stream().anyMatch(normal::contains);
    }

    /** Surefire runs tests from a manifest-only jar and names the real class path in this property. */
    private static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(path.split(File.pathSeparator));
    }
}
