package com.chimti.ai.core.domain.erasure;

import com.chimti.ai.core.domain.artifact.StorageKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an erasure deleted from the database in its one transaction, counted per kind, and the artifact files
 * whose records went with it (deleted after the commit, so a failed transaction leaves every file its record).
 */
public record ErasedRows(int chats, int messages, int turnStreams, int actions, int taskNotes, int messageDrafts,
                         int artifacts, int logins, int settings, List<StorageKey> artifactFiles) {
    public static final ErasedRows NONE = new ErasedRows(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());

    public ErasedRows {
        if (chats < 0 || messages < 0 || turnStreams < 0 || actions < 0 || taskNotes < 0 || messageDrafts < 0
                || artifacts < 0 || logins < 0 || settings < 0) {
            throw new IllegalArgumentException("counts are never negative");
        }
        artifactFiles = List.copyOf(artifactFiles == null ? List.of() : artifactFiles);
    }

    /** The counts by name, as an audit event's details (numbers only: no id, no content). */
    public Map<String, String> counts() {
        Map<String, String> counts = new LinkedHashMap<>();
        counts.put("chats", Integer.toString(chats));
        counts.put("messages", Integer.toString(messages));
        counts.put("turnStreams", Integer.toString(turnStreams));
        counts.put("actions", Integer.toString(actions));
        counts.put("taskNotes", Integer.toString(taskNotes));
        counts.put("messageDrafts", Integer.toString(messageDrafts));
        counts.put("artifacts", Integer.toString(artifacts));
        counts.put("logins", Integer.toString(logins));
        counts.put("settings", Integer.toString(settings));
        return counts;
    }
}
