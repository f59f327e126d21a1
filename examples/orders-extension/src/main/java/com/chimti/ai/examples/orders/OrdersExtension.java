package com.chimti.ai.examples.orders;

import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.port.out.AiExtension;
import com.chimti.ai.core.port.out.ContextSource;
import com.chimti.ai.core.port.out.ExtensionContext;
import com.chimti.ai.core.port.out.HostUserData;
import java.util.List;
import java.util.Optional;

/**
 * The example host extension "orders": the {@code flag_order} action, the "open orders" context source, the
 * two tables they use and the erasure of a user's flags. Listed in
 * {@code META-INF/services/com.chimti.ai.core.port.out.AiExtension}, so the standalone server finds it in
 * {@code AI_EXTENSIONS_DIR}; a host embedding the core registers it with
 * {@code EmbeddedAi.builder().extension(new OrdersExtension())}. It uses nothing but ai-core and the JDK.
 */
public final class OrdersExtension implements AiExtension {

    @Override
    public String name() {
        return "orders";
    }

    /** A folder name of its own, so no other jar's migrations are picked up with it. */
    @Override
    public Optional<String> migrationLocation() {
        return Optional.of("classpath:db/orders-extension");
    }

    @Override
    public List<ActionHandler> actionHandlers(ExtensionContext context) {
        return List.of(new FlagOrderHandler(context.dataSource(), context.clock()));
    }

    @Override
    public List<ContextSource> contextSources(ExtensionContext context) {
        return List.of(new OpenOrdersSource(context.dataSource(), context.clock()));
    }

    @Override
    public List<HostUserData> userData(ExtensionContext context) {
        return List.of(new FlagsOfUser(context.dataSource()));
    }
}
