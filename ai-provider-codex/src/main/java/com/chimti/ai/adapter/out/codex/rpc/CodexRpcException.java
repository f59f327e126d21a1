package com.chimti.ai.adapter.out.codex.rpc;

/** An error answer of the app-server. The message is the CLI's and is not shown to users verbatim. */
public final class CodexRpcException extends RuntimeException {
    private final int code;

    CodexRpcException(int code, String message) {
        super(sanitize(message), null, false, false);
        this.code = code;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return code;
    }

    /** The CLI may quote a server's answer; keep only the first 300 chars before any quoted body. */
    public static String sanitize(String message) {
        if (message == null) {
            return "error";
        }
        String oneLine = message.replaceAll("\\s+", " ").strip();
        int body = oneLine.indexOf("body=");
        if (body >= 0) {
            oneLine = oneLine.substring(0, body).strip();
        }
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
