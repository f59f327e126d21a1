package com.chimti.ai.app;

import com.chimti.ai.core.port.out.AiProvider;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.util.Set;
import org.slf4j.Logger;

/** Stopping the providers, shared by the server and the embedded core. */
final class ProviderShutdown {
    private ProviderShutdown() {
    }

    /**
     * Closes every enabled provider that holds resources (Codex: its CLI processes), each on its own, so one that
     * fails to close does not keep the others running. Only the failure's type is logged: a message could carry
     * what the provider was doing.
     */
    static void closeAll(Injector injector, Logger log) {
        for (AiProvider provider : injector.getInstance(Key.get(new TypeLiteral<Set<AiProvider>>() { }))) {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("provider {} did not close cleanly: {}", provider.id(), e.getClass().getSimpleName());
                }
            }
        }
    }
}
