package com.chimti.ai.app.wiring;

import com.chimti.ai.app.ConfigException;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ContextSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a host brings besides the core: {@link AiExtension}s (from the builder or {@code AI_EXTENSIONS_DIR}), and
 * action handlers and context sources it registered one by one. Extension names are valid and unique, or the
 * start stops with a {@link ConfigException}.
 */
public record HostExtensions(List<AiExtension> extensions, List<ActionHandler> actionHandlers,
                             List<ContextSource> contextSources) {
    public static final HostExtensions NONE = new HostExtensions(List.of(), List.of(), List.of());

    public HostExtensions {
        extensions = List.copyOf(extensions);
        actionHandlers = List.copyOf(actionHandlers);
        contextSources = List.copyOf(contextSources);
        Map<String, AiExtension> byName = new HashMap<>();
        for (AiExtension extension : extensions) {
            String name = extension.name();
            if (!AiExtension.isValidName(name)) {
                throw new ConfigException("the extension " + extension.getClass().getName() + " has an invalid"
                        + " name; use lower-case letters, digits and _, starting with a letter, at most 40");
            }
            AiExtension other = byName.putIfAbsent(name, extension);
            if (other != null) {
                throw new ConfigException("two extensions are named " + name + ": " + other.getClass().getName()
                        + " and " + extension.getClass().getName());
            }
        }
    }

    /** These and {@code more} extensions. */
    public HostExtensions with(List<AiExtension> more) {
        List<AiExtension> all = new ArrayList<>(extensions);
        all.addAll(more);
        return new HostExtensions(all, actionHandlers, contextSources);
    }
}
