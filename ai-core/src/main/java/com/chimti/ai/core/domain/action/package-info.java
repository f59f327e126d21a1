/**
 * The action layer: the model proposes, the backend decides and runs.
 *
 * <h2>How a proposal arrives</h2>
 * A chat turn's {@link com.chimti.ai.core.domain.turn.CompletionRequest#proposals()} is an {@link ActionProposals}
 * channel bound to the turn's caller and chat, offering only the action types the caller's roles allow. A
 * provider offers it to the model as one tool ({@link ActionTool}, {@value ActionTool#NAME}; Codex: a dynamic
 * tool in app-server mode) and hands each call to {@link ActionProposals#propose}; the model reads the returned
 * {@link ProposalOutcome} (awaits confirmation, or rejected and why). Behind the channel the core calls
 * {@link com.chimti.ai.core.port.in.ManageActions#propose(com.chimti.ai.core.domain.tenancy.Caller,
 * com.chimti.ai.core.domain.chat.ChatId, String, java.util.Map)} with the authenticated caller of the turn, the chat,
 * the proposed action type and its input as a JSON-like map. No route accepts proposals, and the model never
 * holds a database connection or a command line. The call:
 * <ol>
 *   <li>stores an {@code ai_actions} row in state {@code proposed} with the input as given;</li>
 *   <li>validates it against the {@link com.chimti.ai.core.port.out.ActionGateway} (the handlers' registry): an unknown type, a role
 *       the handler does not allow, a missing or malformed field, or a brand or location outside the caller's
 *       scope makes it {@code rejected} with result {@code {reason, detail}} (see
 *       {@link com.chimti.ai.core.domain.action.RejectionReason}); it never runs;</li>
 *   <li>otherwise keeps only the handler's declared fields as the input. When the handler
 *       {@linkplain com.chimti.ai.core.domain.action.ActionSpec#needsConfirmation() needs confirmation} (both
 *       shipped handlers do) the action waits in {@code proposed} for the user's
 *       {@code POST /v1/ai/actions/{id}/confirm} or {@code /reject}; a handler that needs none runs at once, as
 *       if confirmed, and the returned action is already {@code executed} or {@code failed}.</li>
 * </ol>
 * Confirmation validates again with the confirming caller, moves the row {@code proposed -> confirmed} in one
 * conditional update (so a proposal runs at most once, however many confirms race), runs the handler and records
 * {@code executed} with its result or {@code failed} with a reason.
 *
 * <h2>Handlers</h2>
 * An {@link com.chimti.ai.core.domain.action.ActionHandler} declares its type, typed fields, allowed roles and
 * whether it needs confirmation, and writes only to this project's own tables through outbound ports (a host's
 * handler, contributed by an {@link com.chimti.ai.core.port.out.AiExtension}, to that extension's own tables; it
 * takes exactly the path above, and may not take a built-in type). There is no shell action, and no handler may
 * run a command, start a process or call another system.
 */
package com.chimti.ai.core.domain.action;
