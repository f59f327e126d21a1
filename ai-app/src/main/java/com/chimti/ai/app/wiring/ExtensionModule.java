package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.app.ConfigException;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ArtifactWriter;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ContextSource;
import com.chimti.ai.core.port.out.ExtensionContext;
import com.chimti.ai.core.port.out.HostUserData;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's action handlers and context sources, and what its extensions keep of users, as
 * {@link HostContributions}: those it registered itself, then each extension's, built once with an
 * {@link ExtensionContext} over the core's pool, clock and artifact writer. {@code CoreModule} puts the handlers
 * into the one {@code ActionRegistry} after the built-in ones, the sources into the context builder after the
 * names source, and the user data into the erasure. Each extension is logged with what it brought.
 */
public final class ExtensionModule extends AbstractModule {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionModule.class);

    private final HostExtensions host;

    public ExtensionModule(HostExtensions host) {
        this.host = host;
    }

    /** The host's handlers, context sources and what its tables keep of users, in registration order. */
    public record HostContributions(List<ActionHandler> actionHandlers, List<ContextSource> contextSources,
                                    List<HostUserData> userData) {
        public HostContributions {
            actionHandlers = List.copyOf(actionHandlers);
            contextSources = List.copyOf(contextSources);
            userData = List.copyOf(userData);
        }
    }

    @Override
    protected void configure() {
        bind(HostExtensions.class).toInstance(host);
    }

    @Provides
    @Singleton
    HostContributions hostContributions(Database database, Clock clock, ArtifactWriter artifacts) {
        ExtensionContext context = new ExtensionContext(database.pool(), clock, artifacts);
        List<ActionHandler> handlers = new ArrayList<>(host.actionHandlers());
        List<ContextSource> sources = new ArrayList<>(host.contextSources());
        List<HostUserData> userData = new ArrayList<>();
        if (!handlers.isEmpty() || !sources.isEmpty()) {
            LOG.info("host registered actions {} and {} context sources", types(handlers), sources.size());
        }
        for (AiExtension extension : host.extensions()) {
            List<ActionHandler> itsHandlers;
            List<ContextSource> itsSources;
            try {
                itsHandlers = List.copyOf(extension.actionHandlers(context));
                itsSources = List.copyOf(extension.contextSources(context));
                userData.addAll(extension.userData(context));
                types(itsHandlers); // a handler whose spec fails is the extension's fault, said here
            } catch (RuntimeException broken) {
                throw new ConfigException("the extension " + extension.name() + " could not provide its actions"
                        + " and context sources: " + broken.getClass().getSimpleName() + ": " + broken.getMessage());
            }
            LOG.info("extension {} loaded: actions {}, {} context sources{}", extension.name(), types(itsHandlers),
                    itsSources.size(), extension.migrationLocation().map(l -> ", tables from " + l).orElse(""));
            handlers.addAll(itsHandlers);
            sources.addAll(itsSources);
        }
        return new HostContributions(handlers, sources, userData);
    }

    private static List<String> types(List<ActionHandler> handlers) {
        return handlers.stream().map(handler -> handler.spec().actionType()).toList();
    }
}
