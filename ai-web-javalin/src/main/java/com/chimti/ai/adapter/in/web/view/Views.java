package com.chimti.ai.adapter.in.web.view;

/** Small helpers shared by the response views. */
public final class Views {
    private Views() {
    }

    /** An id value as its string, or null; ids are always strings on the wire. */
    public static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
