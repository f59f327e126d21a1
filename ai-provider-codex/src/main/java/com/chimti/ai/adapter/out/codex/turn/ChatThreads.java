package com.chimti.ai.adapter.out.codex.turn;

import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.core.domain.chat.ChatId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Codex thread a chat continues (app-server mode): one small file per chat,
 * {@code <CODEX_HOME>/chat-threads/<hex SHA-256 of the chat id>}, holding the thread id, the SHA-256 of the
 * business context the thread last received (so a changed context is sent again) and the fingerprint of the
 * dynamic tools the thread was started with (empty for none; a thread keeps its tools, so a changed offer needs a
 * new thread, see {@link CodexActionTool#fingerprint}). Written atomically
 * (temp file + atomic move, 0600), so a crash never leaves half an id. Losing it only costs a rebuild: the next
 * message starts a new thread with the stored history folded in.
 */
final class ChatThreads {
    static final String DIR = "chat-threads";
    private static final Logger LOG = LoggerFactory.getLogger(ChatThreads.class);
    private static final Pattern THREAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private ChatThreads() {
    }

    /** A chat's thread, the hash of the context it last received ("" if unknown) and its tools' fingerprint. */
    record Stored(String threadId, String contextHash, String toolsHash) {
    }

    static Optional<Stored> find(Path home, ChatId chatId) {
        Path file = file(home, chatId);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).strip().split("\n");
            String id = lines[0].strip();
            String hash = lines.length > 1 ? lines[1].strip() : "";
            String tools = lines.length > 2 ? lines[2].strip() : "";
            return THREAD_ID.matcher(id).matches() ? Optional.of(new Stored(id, hash, tools)) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("could not read a chat's Codex thread id: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    static void remember(Path home, ChatId chatId, String threadId, String contextHash, String toolsHash) {
        Path dir = home.resolve(DIR);
        try {
            CodexProfiles.ensureDir(dir);
            Path target = file(home, chatId);
            Path tmp = dir.resolve(target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(tmp, threadId + "\n" + contextHash + "\n" + toolsHash + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, CodexProfiles.FILE_MODE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the chat still works; the next message rebuilds its thread from the stored history
            LOG.warn("could not store a chat's Codex thread id: {}", e.getClass().getSimpleName());
        }
    }

    static Path file(Path home, ChatId chatId) {
        return home.resolve(DIR).resolve(sha256(chatId.value()));
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
