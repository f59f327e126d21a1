package com.chimti.ai.adapter.out.openaistub;

import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.turn.CompletionRequest;

/** Makes the stub's answer from the prompt alone, so the same prompt always gets the same answer. */
final class StubAnswers {
    private static final int QUOTE_LIMIT = 200;

    String answer(CompletionRequest request) {
        String last = request.lastMessage().content().strip();
        String quote = last.length() > QUOTE_LIMIT ? last.substring(0, QUOTE_LIMIT) + "..." : last;
        long earlier = request.messages().stream().filter(m -> m.role() == MessageRole.USER).count() - 1;
        return "Stub answer to \"" + quote + "\" (" + earlier + " earlier user messages in this chat).";
    }

    /** A rough, stable token estimate: one token per four characters, at least one. */
    static long estimateTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    static long promptTokens(CompletionRequest request) {
        long total = estimateTokens(request.context().text());
        for (PromptMessage message : request.messages()) {
            total += estimateTokens(message.content());
        }
        return total;
    }
}
