package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.chimti.ai.core.service.oneshot.OneShotService;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.service.turn.TurnAdmission;
import java.time.Duration;

/** The one-shot use case on a {@link CoreFixture}'s adapters, with the default skills and the standard redactor. */
public final class OneShotFixture {
    /** Small caps so truncation is cheap to test. */
    public static final OneShotSettings SMALL_CAPS = new OneShotSettings(100, 300, 3, Duration.ofSeconds(30));

    private OneShotFixture() {
    }

    public static OneShotService service(CoreFixture core, OneShotSettings settings) {
        return service(core, settings, core.admission);
    }

    public static OneShotService service(CoreFixture core, OneShotSettings settings, TurnAdmission admission) {
        return new OneShotService(core.providers, core.modelChoice, core.accessPolicy, SkillCatalog.defaults(),
                SecretRedactor.standard(), settings, core.envelope(admission));
    }
}
