package com.chimti.ai.app;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.adapter.out.persistence.account.LegacyProfileMoves;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up half of migration V9: Codex profile folders were named by the sub alone; for every sub that had
 * exactly one client (listed by V9 in ai_profile_moves) the folder is renamed to the name of (client, sub) and the
 * row marked done, so a second start (or another instance) does nothing. Subs with several clients are not
 * listed: their folder stays where it is, unused, and they connect again once per client. Logs counts only,
 * never an id.
 */
final class LegacyProfileMigration {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyProfileMigration.class);

    private LegacyProfileMigration() {
    }

    static Map<CodexProfiles.LegacyMove, Integer> run(LegacyProfileMoves moves, CodexProvider codex, Clock clock) {
        Map<CodexProfiles.LegacyMove, Integer> counts = new EnumMap<>(CodexProfiles.LegacyMove.class);
        for (TenantUser user : moves.pending()) {
            CodexProfiles.LegacyMove outcome = codex.moveLegacyProfile(user);
            moves.done(user, clock.instant());
            counts.merge(outcome, 1, Integer::sum);
        }
        if (!counts.isEmpty()) {
            LOG.info("Codex profiles from before V9: {} moved to their client's name, {} had no folder, {} kept"
                            + " (a folder under the new name existed already)",
                    counts.getOrDefault(CodexProfiles.LegacyMove.MOVED, 0),
                    counts.getOrDefault(CodexProfiles.LegacyMove.NOTHING_TO_MOVE, 0),
                    counts.getOrDefault(CodexProfiles.LegacyMove.KEPT_BOTH, 0));
        }
        return counts;
    }
}
