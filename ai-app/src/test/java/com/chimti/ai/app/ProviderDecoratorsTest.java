package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.app.metrics.MeteredProvider;
import com.chimti.ai.app.tracing.TracedProvider;
import com.chimti.ai.core.port.out.AiProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The app wraps every provider in decorators; a port method with a default body that a decorator does not
 * override silently loses the wrapped provider's behaviour (as a process-cap reservation once did). So each
 * decorator (or a class it extends) must implement every abstract and default method of {@link AiProvider}.
 */
class ProviderDecoratorsTest {

    @ParameterizedTest
    @ValueSource(classes = {MeteredProvider.class, TracedProvider.class})
    void aDecoratorOverridesEveryMethodOfThePort(Class<?> decorator) {
        List<String> missing = Arrays.stream(AiProvider.class.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !isConvenienceOverload(method))
                .filter(method -> !declares(decorator, method))
                .map(Method::getName)
                .toList();
        assertThat(missing).as(decorator.getSimpleName() + " forwards every port method").isEmpty();
    }

    /** A default that only calls another port method ({@code complete(request)}) reaches the decorator anyway. */
    private static boolean isConvenienceOverload(Method method) {
        return method.isDefault() && Arrays.stream(AiProvider.class.getMethods())
                .anyMatch(other -> other != method && !other.isDefault() && other.getName().equals(method.getName()));
    }

    /** The decorator or one of its superclasses implements it: the port's default body is not what runs. */
    private static boolean declares(Class<?> type, Method method) {
        try {
            return !type.getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass().isInterface();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
