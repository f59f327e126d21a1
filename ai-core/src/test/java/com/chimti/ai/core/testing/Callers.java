package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Fixture builder for callers: a brand admin of client c1 with brands b1, b2 and the AI module on. */
public final class Callers {
    private String userId = "u1";
    private String clientId = "c1";
    private Set<BrandId> brands = new HashSet<>(Set.of(new BrandId("b1"), new BrandId("b2")));
    private Set<LocationId> locations = new HashSet<>(Set.of(new LocationId("l1")));
    private Set<Role> roles = new HashSet<>(Set.of(Role.BRAND_ADMIN));
    private boolean aiAccess;
    private Set<String> modules = new HashSet<>(Set.of(Caller.AI_MODULE));

    public static Callers aCaller() {
        return new Callers();
    }

    public static Caller brandAdmin() {
        return aCaller().build();
    }

    public Callers user(String id) {
        this.userId = id;
        return this;
    }

    public Callers client(String id) {
        this.clientId = id;
        return this;
    }

    public Callers brands(String... ids) {
        this.brands = new HashSet<>(Arrays.stream(ids).map(BrandId::new).toList());
        return this;
    }

    public Callers locations(String... ids) {
        this.locations = new HashSet<>(Arrays.stream(ids).map(LocationId::new).toList());
        return this;
    }

    public Callers roles(Role... values) {
        this.roles = new HashSet<>(Arrays.asList(values));
        return this;
    }

    public Callers aiAccess(boolean value) {
        this.aiAccess = value;
        return this;
    }

    public Callers modules(String... values) {
        this.modules = new HashSet<>(Arrays.asList(values));
        return this;
    }

    public Caller build() {
        return new Caller(new UserId(userId), new ClientId(clientId), brands, locations, roles, aiAccess, modules);
    }
}
