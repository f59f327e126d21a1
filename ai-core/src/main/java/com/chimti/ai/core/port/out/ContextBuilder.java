package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.context.AiContext;
import com.chimti.ai.core.domain.tenancy.Caller;

/** Builds the compact business context a turn may see: only what the caller may access, within a budget. */
public interface ContextBuilder {

    /** {@code chat} is null for one-shot calls. */
    AiContext build(Caller caller, AiChat chat);
}
