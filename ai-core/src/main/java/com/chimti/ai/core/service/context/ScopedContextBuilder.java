package com.chimti.ai.core.service.context;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.context.AiContext;
import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.out.ContextBuilder;
import com.chimti.ai.core.port.out.ContextSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The business context of a turn: the caller's client, roles, modules, the chat's brand and location, then the
 * brands, locations and teams the caller may access, as ids with short names, from a {@link ContextSource}.
 * What the source returns is filtered again by the caller's scope ({@link BusinessDirectory#visibleTo}), so a
 * source that returns too much cannot leak another brand, location or client. The text never exceeds the
 * budget: whole lines are cut from the least important end (teams, then locations, then brands) and the
 * ask-don't-guess rule always closes it.
 */
public final class ScopedContextBuilder implements ContextBuilder {
    static final String ASK_DONT_GUESS = "Only the client, brands, locations and teams listed here are this user's."
            + " If the request needs a brand, location or record that is not listed here, or this chat has none and"
            + " the request needs one, ask the user a clarifying question instead of guessing.";
    static final int MAX_LINE_CHARS = 300;
    private static final String THIS_CHAT = " (this chat)";

    private final List<ContextSource> sources;
    private final int budgetChars;

    public ScopedContextBuilder(ContextSource source, int budgetChars) {
        this(List.of(source), budgetChars);
    }

    /** The sources in order: the first that knows a name labels it. */
    public ScopedContextBuilder(List<ContextSource> sources, int budgetChars) {
        this.sources = List.copyOf(sources);
        if (budgetChars < ASK_DONT_GUESS.length()) {
            throw new IllegalArgumentException("context budget is too small");
        }
        this.budgetChars = budgetChars;
    }

    @Override
    public AiContext build(Caller caller, AiChat chat) {
        BusinessDirectory scoped = directoryFor(caller).visibleTo(caller);
        AiChat ownChat = chat != null && chat.clientId().equals(caller.clientId()) ? chat : null;
        BrandId chatBrand = ownChat != null && ownChat.brandId() != null
                && caller.brandIds().contains(ownChat.brandId()) ? ownChat.brandId() : null;
        LocationId chatLocation = chatBrand != null && ownChat.locationId() != null
                && caller.locationIds().contains(ownChat.locationId()) ? ownChat.locationId() : null;
        return new AiContext(fit(lines(caller, ownChat != null, scoped, chatBrand, chatLocation)));
    }

    /** A failing or silent source costs its names, never the turn: the caller's own claims still apply. */
    private BusinessDirectory directoryFor(Caller caller) {
        List<BusinessDirectory> found = new ArrayList<>();
        for (ContextSource source : sources) {
            try {
                BusinessDirectory directory = source.directoryFor(caller);
                if (directory != null) {
                    found.add(directory);
                }
            } catch (RuntimeException unavailable) {
                // the other sources and the claims still label the context
            }
        }
        found.add(new ClaimsContextSource().directoryFor(caller));
        return BusinessDirectory.merged(found);
    }

    /** Most important first, so cutting from the end loses the least. */
    private static List<String> lines(Caller caller, boolean inChat, BusinessDirectory scoped, BrandId chatBrand,
                                      LocationId chatLocation) {
        Map<BrandId, String> brandNames = scoped.brands().stream()
                .filter(b -> b.name() != null)
                .collect(Collectors.toMap(BusinessDirectory.Brand::id, BusinessDirectory.Brand::name, (a, b) -> a));
        Map<LocationId, String> locationNames = scoped.locations().stream()
                .filter(l -> l.name() != null)
                .collect(Collectors.toMap(BusinessDirectory.Location::id, BusinessDirectory.Location::name,
                        (a, b) -> a));
        String clientName = scoped.clients().isEmpty() ? null : scoped.clients().get(0).name();

        List<String> lines = new ArrayList<>();
        lines.add("Business context (only records this user may access; ids in brackets):");
        lines.add("client: " + label(clientName, caller.clientId().value()));
        lines.add("roles: " + joined(caller.roles().stream().map(Role::name).sorted().toList()));
        lines.add("modules: " + joined(caller.modules().stream().map(ScopedContextBuilder::oneLine).sorted().toList()));
        if (inChat) {
            if (chatBrand == null) {
                lines.add("this chat: no brand or location selected");
            } else {
                lines.add("this chat: brand " + label(brandNames.get(chatBrand), chatBrand.value()) + ", location "
                        + (chatLocation == null ? "none"
                        : label(locationNames.get(chatLocation), chatLocation.value())));
            }
        }

        List<BrandId> brands = new ArrayList<>(caller.brandIds());
        brands.sort(first(chatBrand, BrandId::value));
        lines.add("brands (" + brands.size() + "):");
        for (BrandId brand : brands) {
            lines.add("- " + label(brandNames.get(brand), brand.value()) + (brand.equals(chatBrand) ? THIS_CHAT : ""));
        }

        Map<LocationId, BrandId> locationBrands = new HashMap<>();
        scoped.locations().stream().filter(l -> l.brandId() != null)
                .forEach(l -> locationBrands.putIfAbsent(l.id(), l.brandId()));
        List<LocationId> locations = new ArrayList<>(caller.locationIds());
        locations.sort(Comparator.<LocationId, Boolean>comparing(l -> !l.equals(chatLocation))
                .thenComparing(l -> chatBrand == null || !chatBrand.equals(locationBrands.get(l)))
                .thenComparing(l -> locationBrands.containsKey(l) ? locationBrands.get(l).value() : "\uffff")
                .thenComparing(LocationId::value));
        lines.add("locations (" + locations.size() + "):");
        for (LocationId location : locations) {
            BrandId brand = locationBrands.get(location);
            lines.add("- " + label(locationNames.get(location), location.value())
                    + (brand == null ? "" : " brand " + brand.value())
                    + (location.equals(chatLocation) ? THIS_CHAT : ""));
        }

        List<BusinessDirectory.Team> teams = new ArrayList<>(scoped.teams());
        teams.sort(Comparator.<BusinessDirectory.Team, Boolean>comparing(t -> !t.brandId().equals(chatBrand))
                .thenComparing(t -> t.brandId().value()).thenComparing(t -> t.id().value()));
        if (!teams.isEmpty()) {
            lines.add("teams (" + teams.size() + "):");
            for (BusinessDirectory.Team team : teams) {
                lines.add("- " + label(team.name(), team.id().value()) + " brand " + team.brandId().value());
            }
        }
        return lines.stream().map(ScopedContextBuilder::capped).toList();
    }

    /** The lines that fit, whole, then a note of how many were cut, then the rule; never over the budget. */
    private String fit(List<String> lines) {
        int room = budgetChars - ASK_DONT_GUESS.length();
        int used = 0;
        int kept = 0;
        for (String line : lines) {
            if (used + line.length() + 1 > room) {
                break;
            }
            used += line.length() + 1;
            kept++;
        }
        if (kept < lines.size()) {
            while (kept > 0 && used + omitted(lines.size() - kept).length() + 1 > room) {
                kept--;
                used -= lines.get(kept).length() + 1;
            }
        }
        StringBuilder text = new StringBuilder(budgetChars);
        for (int i = 0; i < kept; i++) {
            text.append(lines.get(i)).append('\n');
        }
        String note = omitted(lines.size() - kept);
        if (kept < lines.size() && text.length() + note.length() + 1 <= room) {
            text.append(note).append('\n');
        }
        return text.append(ASK_DONT_GUESS).toString();
    }

    private static String omitted(int count) {
        return "(" + count + " more lines not shown to stay compact)";
    }

    private static <T> Comparator<T> first(T wanted, Function<T, String> key) {
        return Comparator.<T, Boolean>comparing(t -> !t.equals(wanted)).thenComparing(key);
    }

    private static String label(String name, String id) {
        return name == null ? "[" + id + "]" : name + " [" + id + "]";
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    private static String oneLine(String value) {
        return value.replaceAll("\\p{Cntrl}", " ").strip();
    }

    private static String capped(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS - 1) + "…";
    }
}
