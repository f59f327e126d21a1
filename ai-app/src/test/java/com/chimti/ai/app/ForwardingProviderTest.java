package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.port.out.AiProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A decorator built on {@link ForwardingProvider} forgets no method of the port, default ones included. */
class ForwardingProviderTest {

    @Test
    void everyMethodOfThePortReachesTheWrappedProvider() throws Exception {
        List<String> reached = new ArrayList<>();
        AiProvider wrapped = (AiProvider) Proxy.newProxyInstance(AiProvider.class.getClassLoader(),
                new Class<?>[] {AiProvider.class}, (proxy, method, args) -> {
                    reached.add(method.getName());
                    return null;
                });
        AiProvider decorator = new ForwardingProvider(wrapped) {
        };

        for (Method method : AiProvider.class.getDeclaredMethods()) {
            reached.clear();
            method.invoke(decorator, new Object[method.getParameterCount()]);
            assertThat(reached).as(method.toString()).contains(method.getName());
        }
    }
}
