package com.chimti.ai.adapter.out.codex.turn;

import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Builds the text a Codex turn is given. */
final class Prompts {
    /** Stays well below Linux's 128 KiB limit of one argv string (exec mode passes the prompt as an argument). */
    static final int MAX_BYTES = 100_000;
    /** How many earlier messages are folded in at most. */
    static final int MAX_HISTORY = 40;

    private Prompts() {
    }

    /**
     * The conversation as one prompt: the business context, the most recent earlier messages (as many as fit,
     * oldest dropped first), then the new message.
     */
    static String folded(CompletionRequest request) {
        StringBuilder head = new StringBuilder();
        if (!request.context().text().isBlank()) {
            head.append("Business context:\n").append(request.context().text()).append("\n\n");
        }
        String last = lastMessage(request);
        int budget = MAX_BYTES - bytes(head) - bytes(last) - 64;
        List<PromptMessage> earlier = request.messages().subList(0, request.messages().size() - 1);
        Deque<String> kept = new ArrayDeque<>();
        for (int i = earlier.size() - 1; i >= 0 && kept.size() < MAX_HISTORY; i--) {
            PromptMessage m = earlier.get(i);
            String line = m.role().wireName() + ": " + m.content() + "\n";
            int size = bytes(line);
            if (size > budget) {
                break;
            }
            budget -= size;
            kept.addFirst(line);
        }
        StringBuilder prompt = new StringBuilder(head);
        if (!kept.isEmpty()) {
            prompt.append("Conversation so far:\n");
            kept.forEach(prompt::append);
            prompt.append('\n');
        }
        prompt.append(last);
        return cap(prompt.toString());
    }

    /** Only the new message (a resumed thread already holds the earlier turns). */
    static String lastMessage(CompletionRequest request) {
        PromptMessage last = request.lastMessage();
        return last.role() == MessageRole.USER ? last.content() : last.role().wireName() + ": " + last.content();
    }

    private static String cap(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return text;
        }
        // a single huge message: keep its start (cut on a character boundary)
        String cut = new String(bytes, 0, MAX_BYTES, StandardCharsets.UTF_8);
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }

    private static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
