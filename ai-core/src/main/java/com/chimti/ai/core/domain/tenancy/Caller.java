package com.chimti.ai.core.domain.tenancy;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated platform user on whose behalf a request runs, as the host's token describes them, and the id
 * of that request when the edge gave it one (it goes on usage rows and audit events, never into a prompt).
 */
public record Caller(
        UserId userId,
        ClientId clientId,
        Set<BrandId> brandIds,
        Set<LocationId> locationIds,
        Set<Role> roles,
        boolean aiAccess,
        Set<String> modules,
        RequestId requestId) {

    public static final String AI_MODULE = "ai";

    public Caller {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        brandIds = Set.copyOf(brandIds == null ? Set.of() : brandIds);
        locationIds = Set.copyOf(locationIds == null ? Set.of() : locationIds);
        roles = Set.copyOf(roles == null ? Set.of() : roles);
        modules = Set.copyOf(modules == null ? Set.of() : modules);
    }

    /** A caller outside any request (a host's own job, a test). */
    public Caller(UserId userId, ClientId clientId, Set<BrandId> brandIds, Set<LocationId> locationIds,
                  Set<Role> roles, boolean aiAccess, Set<String> modules) {
        this(userId, clientId, brandIds, locationIds, roles, aiAccess, modules, null);
    }

    /** The same caller within the request {@code requestId}. */
    public Caller withRequestId(RequestId requestId) {
        return new Caller(userId, clientId, brandIds, locationIds, roles, aiAccess, modules, requestId);
    }

    /** The caller's identity for everything they own: their {@code sub} within their client. */
    public TenantUser tenantUser() {
        return new TenantUser(clientId, userId);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean isBrandAdmin() {
        return roles.stream().anyMatch(Role::isBrandAdmin);
    }

    public boolean hasModule(String module) {
        return modules.contains(module);
    }

    /** Throws when the brand is not one of the caller's; a null brand means "no brand" and passes. */
    public void requireBrand(BrandId brandId) {
        if (brandId != null && !brandIds.contains(brandId)) {
            throw new OutOfScopeException("brand is outside the caller's scope");
        }
    }

    public void requireLocation(LocationId locationId) {
        if (locationId != null && !locationIds.contains(locationId)) {
            throw new OutOfScopeException("location is outside the caller's scope");
        }
    }
}
