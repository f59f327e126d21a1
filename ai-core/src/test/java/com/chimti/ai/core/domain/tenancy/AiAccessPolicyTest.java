package com.chimti.ai.core.domain.tenancy;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AiAccessPolicyTest {
    private final AiAccessPolicy policy = new AiAccessPolicy();

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"BRAND_SUPERADMIN", "BRAND_ADMIN"})
    void brandAdminsMayUseAiWhenTheModuleIsOn(Role role) {
        assertThat(policy.allows(aCaller().roles(role).build())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"STORE", "WORKSHOP", "ACCOUNTS", "CUSTOMER_CARE", "FIELD", "PLATFORM_ADMIN"})
    void otherRolesNeedExplicitPermission(Role role) {
        assertThat(policy.allows(aCaller().roles(role).build())).isFalse();
        assertThat(policy.allows(aCaller().roles(role).aiAccess(true).build())).isTrue();
    }

    @Test
    void nobodyMayUseAiWhenTheModuleIsOff() {
        Caller admin = aCaller().roles(Role.BRAND_SUPERADMIN).aiAccess(true).modules("crm").build();
        assertThat(policy.allows(admin)).isFalse();
        assertThatThrownBy(() -> policy.requireAccess(admin))
                .isInstanceOf(AiNotEnabledException.class)
                .hasMessageContaining("module");
    }

    @Test
    void requireAccessNamesTheMissingPermission() {
        assertThatThrownBy(() -> policy.requireAccess(aCaller().roles(Role.STORE).build()))
                .isInstanceOf(AiNotEnabledException.class)
                .hasMessageContaining("permission");
    }
}
