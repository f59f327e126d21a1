package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.action.ActionHandler;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a host service plugs into the AI core: the action handlers and context sources it contributes, and the
 * Flyway migrations of its own tables. The standalone server finds implementations with {@link java.util.ServiceLoader}
 * in the jars of {@code AI_EXTENSIONS_DIR} (a {@code META-INF/services/com.chimti.ai.core.port.out.AiExtension}
 * entry); an embedding host registers them with {@code EmbeddedAi.builder().extension(...)}.
 *
 * <p>At start-up the core asks for the handlers and sources once (building them must not touch the database),
 * then migrates the extension's tables after its own, with a Flyway history of the extension's own
 * ({@code flyway_history_ext_<name>}, read through the extension's class loader), so its versions never clash
 * with the core's. A handler is an ordinary registered
 * handler: the model only proposes it, the registry validates its fields, roles and scope (again at confirmation),
 * it runs at most once per proposal, and it may not take the type of a built-in action. A context source's
 * records are filtered by the caller's scope and fitted into the turn's budget like the core's own.
 */
public interface AiExtension {
    /** Lower-case letters, digits and underscores, starting with a letter, at most 40 characters. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** Unique among a server's extensions; it names the extension's Flyway history table. */
    String name();

    /**
     * A Flyway location of this extension's own migrations ({@code classpath:db/orders}, say), resolved with the
     * extension's class loader; empty when it has no tables of its own.
     */
    default Optional<String> migrationLocation() {
        return Optional.empty();
    }

    /** The actions this extension adds; called once at start-up. */
    default List<ActionHandler> actionHandlers(ExtensionContext context) {
        return List.of();
    }

    /** The context sources this extension adds; called once at start-up. */
    default List<ContextSource> contextSources(ExtensionContext context) {
        return List.of();
    }

    /**
     * What this extension keeps of a user in its own tables, erased when the user's AI data is
     * ({@code DELETE /v1/ai/admin/clients/{clientId}/users/{userId}}); called once at start-up.
     */
    default List<HostUserData> userData(ExtensionContext context) {
        return List.of();
    }

    static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
