package com.chimti.ai.core.domain.context;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.TeamId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the host platform knows about a tenant's business, as ids with short display names: the client, its
 * brands, their locations and teams. Names are optional (a source may know only ids) and are cleaned to one
 * short line, so a name can never add lines or bulk to a prompt. {@link #visibleTo(Caller)} keeps only what a
 * caller may access.
 */
public record BusinessDirectory(List<Client> clients, List<Brand> brands, List<Location> locations,
                                List<Team> teams) {

    public static final int MAX_NAME_LENGTH = 100;
    public static final BusinessDirectory EMPTY = new BusinessDirectory(List.of(), List.of(), List.of(), List.of());

    public BusinessDirectory {
        clients = List.copyOf(clients == null ? List.of() : clients);
        brands = List.copyOf(brands == null ? List.of() : brands);
        locations = List.copyOf(locations == null ? List.of() : locations);
        teams = List.copyOf(teams == null ? List.of() : teams);
    }

    public record Client(ClientId id, String name) {
        public Client {
            Objects.requireNonNull(id, "id");
            name = cleanName(name);
        }
    }

    public record Brand(BrandId id, ClientId clientId, String name) {
        public Brand {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(clientId, "clientId");
            name = cleanName(name);
        }
    }

    /** {@code brandId} is null when the source does not know which brand the location belongs to. */
    public record Location(LocationId id, BrandId brandId, String name) {
        public Location {
            Objects.requireNonNull(id, "id");
            name = cleanName(name);
        }
    }

    public record Team(TeamId id, BrandId brandId, String name) {
        public Team {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(brandId, "brandId");
            name = cleanName(name);
        }
    }

    /** All the directories' entries in order, so where two name one id the earlier one wins in {@link #visibleTo}. */
    public static BusinessDirectory merged(List<BusinessDirectory> directories) {
        List<Client> clients = new ArrayList<>();
        List<Brand> brands = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        List<Team> teams = new ArrayList<>();
        for (BusinessDirectory directory : directories) {
            clients.addAll(directory.clients());
            brands.addAll(directory.brands());
            locations.addAll(directory.locations());
            teams.addAll(directory.teams());
        }
        return new BusinessDirectory(clients, brands, locations, teams);
    }

    public boolean isEmpty() {
        return clients.isEmpty() && brands.isEmpty() && locations.isEmpty() && teams.isEmpty();
    }

    /**
     * Only the records the caller may access, each id once (first wins): the caller's client; brands that are
     * the caller's and belong to the caller's client; the caller's locations whose brand (when known) is one of
     * the caller's; teams of the caller's brands. A brand the directory also places in another client, and a
     * location or team it also places under a brand outside the caller's scope, is dropped with everything under
     * it, so an inconsistent source cannot leak another tenant's records.
     */
    public BusinessDirectory visibleTo(Caller caller) {
        ClientId client = caller.clientId();
        Set<BrandId> callerBrands = callerBrands(caller);
        List<Client> visibleClients = unique(clients.stream().filter(c -> c.id().equals(client)).toList(),
                Client::id);
        List<Brand> visibleBrands = unique(brands.stream()
                .filter(b -> b.clientId().equals(client) && callerBrands.contains(b.id())).toList(), Brand::id);
        // an id the source also places under a brand outside the caller's scope is ambiguous, so it is dropped
        Set<LocationId> foreignLocations = locations.stream()
                .filter(l -> l.brandId() != null && !callerBrands.contains(l.brandId()))
                .map(Location::id).collect(Collectors.toSet());
        Set<TeamId> foreignTeams = teams.stream().filter(t -> !callerBrands.contains(t.brandId()))
                .map(Team::id).collect(Collectors.toSet());
        List<Location> visibleLocations = unique(locations.stream()
                .filter(l -> caller.locationIds().contains(l.id()) && !foreignLocations.contains(l.id())).toList(),
                Location::id);
        List<Team> visibleTeams = unique(teams.stream().filter(t -> !foreignTeams.contains(t.id())).toList(),
                Team::id);
        return new BusinessDirectory(visibleClients, visibleBrands, visibleLocations, visibleTeams);
    }

    /**
     * Only the host records the caller may see, each once, in their order, by the rules of {@link
     * #visibleTo(Caller)}: a record's brand must be one of the caller's that this directory does not place in
     * another client; its location must be one of the caller's that this directory does not place under a brand
     * outside the caller's scope, nor, when the record names a brand too, under any brand but the record's. A
     * record that fails any of these is dropped, so a host source that returns too much cannot leak it.
     */
    public List<ContextRecord> visibleTo(Caller caller, List<ContextRecord> records) {
        Set<BrandId> callerBrands = callerBrands(caller);
        Map<LocationId, Set<BrandId>> placements = new HashMap<>();
        locations.stream().filter(l -> l.brandId() != null)
                .forEach(l -> placements.computeIfAbsent(l.id(), id -> new HashSet<>()).add(l.brandId()));
        Set<ContextRecord> visible = new LinkedHashSet<>();
        for (ContextRecord record : records) {
            if (record == null) {
                continue;
            }
            if (record.brandId() != null && !callerBrands.contains(record.brandId())) {
                continue;
            }
            if (record.locationId() != null) {
                Set<BrandId> placedUnder = placements.getOrDefault(record.locationId(), Set.of());
                boolean callersLocation = caller.locationIds().contains(record.locationId())
                        && callerBrands.containsAll(placedUnder);
                boolean sameBrand = record.brandId() == null
                        || placedUnder.stream().allMatch(record.brandId()::equals);
                if (!callersLocation || !sameBrand) {
                    continue;
                }
            }
            visible.add(record);
        }
        return List.copyOf(visible);
    }

    /** The caller's brands, less any this directory places in another client. */
    private Set<BrandId> callerBrands(Caller caller) {
        Set<BrandId> foreignBrands = brands.stream().filter(b -> !b.clientId().equals(caller.clientId()))
                .map(Brand::id).collect(Collectors.toSet());
        return caller.brandIds().stream().filter(b -> !foreignBrands.contains(b)).collect(Collectors.toSet());
    }

    private static <T, K> List<T> unique(List<T> items, Function<T, K> key) {
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T item : items) {
            byKey.putIfAbsent(key.apply(item), item);
        }
        return new ArrayList<>(byKey.values());
    }

    /** One line (see {@link OneLine}), at most {@link #MAX_NAME_LENGTH} characters; blank becomes null. */
    static String cleanName(String name) {
        if (name == null) {
            return null;
        }
        String line = OneLine.of(name, MAX_NAME_LENGTH);
        return line.isEmpty() ? null : line;
    }
}
