package com.chimti.ai.core.service.context;

import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.port.out.ContextSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names for the ids in the caller's token, from a directory of every tenant loaded once (the standalone
 * server's {@code AI_BUSINESS_CONTEXT_NAMES_FILE}). The token decides what is in scope; the directory only adds
 * names, the brand each location belongs to, and the teams of the caller's brands. An id the directory does not know,
 * or places in another client, is still listed, without a name.
 */
public final class DirectoryContextSource implements ContextSource {
    private final BusinessDirectory known;
    private final Map<BrandId, BusinessDirectory.Brand> brands = new HashMap<>();
    private final Map<LocationId, BusinessDirectory.Location> locations = new HashMap<>();

    public DirectoryContextSource(BusinessDirectory known) {
        this.known = Objects.requireNonNull(known, "known");
        known.brands().forEach(b -> brands.putIfAbsent(b.id(), b));
        known.locations().forEach(l -> locations.putIfAbsent(l.id(), l));
    }

    @Override
    public BusinessDirectory directoryFor(Caller caller) {
        BusinessDirectory.Client client = known.clients().stream()
                .filter(c -> c.id().equals(caller.clientId())).findFirst()
                .orElse(new BusinessDirectory.Client(caller.clientId(), null));
        List<BusinessDirectory.Brand> ownBrands = new ArrayList<>();
        for (BrandId id : caller.brandIds().stream().sorted(Comparator.comparing(BrandId::value)).toList()) {
            BusinessDirectory.Brand brand = brands.get(id);
            boolean ours = brand != null && brand.clientId().equals(caller.clientId());
            ownBrands.add(ours ? brand : new BusinessDirectory.Brand(id, caller.clientId(), null));
        }
        List<BusinessDirectory.Location> ownLocations = new ArrayList<>();
        for (LocationId id : caller.locationIds().stream().sorted(Comparator.comparing(LocationId::value)).toList()) {
            BusinessDirectory.Location location = locations.get(id);
            boolean ours = location != null && location.brandId() != null && isOwnBrand(caller, location.brandId());
            ownLocations.add(ours ? location : new BusinessDirectory.Location(id, null, null));
        }
        List<BusinessDirectory.Team> ownTeams = known.teams().stream()
                .filter(t -> isOwnBrand(caller, t.brandId())).toList();
        return new BusinessDirectory(List.of(client), ownBrands, ownLocations, ownTeams);
    }

    private boolean isOwnBrand(Caller caller, BrandId id) {
        BusinessDirectory.Brand brand = brands.get(id);
        return caller.brandIds().contains(id) && (brand == null || brand.clientId().equals(caller.clientId()));
    }
}
