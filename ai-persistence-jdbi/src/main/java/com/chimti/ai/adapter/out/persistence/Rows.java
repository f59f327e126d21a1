package com.chimti.ai.adapter.out.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * A row record's components by name, for {@code @BindMap}. JDBI's {@code @BindMethods} only reads public
 * classes, and the row records are deliberately package-private.
 */
final class Rows {
    private Rows() {
    }

    static Map<String, Object> bindings(Record row) {
        Map<String, Object> values = new HashMap<>(); // HashMap: columns may be null
        for (RecordComponent component : row.getClass().getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(row));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read row component " + component.getName(), e);
            }
        }
        return values;
    }
}
