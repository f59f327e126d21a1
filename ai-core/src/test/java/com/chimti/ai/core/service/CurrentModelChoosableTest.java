package com.chimti.ai.core.service;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.ModelCatalog;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.testing.CoreFixture;
import org.junit.jupiter.api.Test;

/** The current model is always in the catalogue and choosable, even when the account's list lacks the default. */
class CurrentModelChoosableTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller alice = aCaller().user("alice").build();

    @Test
    void theDefaultJoinsAListThatLacksItAndCanBeChosenAgain() {
        // as the Codex CLI's list without gpt-5: the provider's default here is fake-1
        core.provider.listing(new AiModel("fake-2", "Fake Two", true), new AiModel("fake-3", null, false));

        ModelCatalog catalog = core.accountService.catalog(alice, null);
        assertThat(catalog.current()).isEqualTo("fake-1");
        assertThat(catalog.models()).extracting(AiModel::id).containsExactly("fake-2", "fake-3", "fake-1");
        assertThat(catalog.models()).filteredOn(AiModel::isDefault).extracting(AiModel::id).containsExactly("fake-2");

        core.accountService.choose(alice, null, "fake-3");
        ModelCatalog back = core.accountService.choose(alice, null, "fake-1");
        assertThat(back.current()).isEqualTo("fake-1");
        assertThat(core.accountService.catalog(alice, null).current()).isEqualTo("fake-1");
    }

    @Test
    void aListThatHasTheDefaultIsUnchangedAndOtherModelsAreStillRefused() {
        assertThat(core.accountService.catalog(alice, null).models()).extracting(AiModel::id)
                .containsExactly("fake-1", "fake-2");
        core.provider.listing(new AiModel("fake-2", null, false));
        assertThat(core.accountService.catalog(alice, null).models()).filteredOn(AiModel::isDefault)
                .extracting(AiModel::id).containsExactly("fake-1");
        assertThatThrownBy(() -> core.accountService.choose(alice, null, "gpt-9000"))
                .isInstanceOf(ValidationException.class);
    }
}
