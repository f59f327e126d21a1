package com.chimti.ai.adapter.out.persistence.sql;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A row record's components by name, for {@code @BindMap}. JDBI's {@code @BindMethods} only reads public
 * classes, and the row records are deliberately package-private, in their adapters' packages: their accessors are
 * opened to this class once per record type.
 */
public final class Rows {
    private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getAccessor)
                    .peek(accessor -> accessor.setAccessible(true)).toList();
        }
    };

    private Rows() {
    }

    public static Map<String, Object> bindings(Record row) {
        Map<String, Object> values = new HashMap<>(); // HashMap: columns may be null
        for (Method accessor : ACCESSORS.get(row.getClass())) {
            try {
                values.put(accessor.getName(), accessor.invoke(row));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read row component " + accessor.getName(), e);
            }
        }
        return values;
    }
}
