package com.chimti.ai.app;

import com.chimti.ai.core.domain.AiException;
import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.TeamId;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the optional names of clients, brands, locations and teams ({@code AI_BUSINESS_CONTEXT_NAMES_FILE}) at
 * startup, so the standalone server's context shows names next to the ids in the caller's token. Strict: an unknown
 * field, a duplicate id, a blank name or a reference to an id the file does not define stops the server.
 * Without a file the context shows ids only. The file grants nothing: the caller's token decides what is in scope.
 * <pre>{"clients":[{"id","name"}],"brands":[{"id","clientId","name"}],
 *  "locations":[{"id","brandId","name"}],"teams":[{"id","brandId","name"}]}</pre>
 */
final class NamesFile {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private record ClientRow(String id, String name) {
    }

    private record BrandRow(String id, String clientId, String name) {
    }

    private record LocationRow(String id, String brandId, String name) {
    }

    private record TeamRow(String id, String brandId, String name) {
    }

    private record Content(List<ClientRow> clients, List<BrandRow> brands, List<LocationRow> locations,
                           List<TeamRow> teams) {
    }

    private NamesFile() {
    }

    static BusinessDirectory load(Path file) {
        if (file == null) {
            return BusinessDirectory.EMPTY;
        }
        try {
            Content content = STRICT.readValue(file.toFile(), Content.class);
            if (content == null) {
                throw new IllegalArgumentException("the file is empty");
            }
            return directory(content);
        } catch (IOException | AiException | IllegalArgumentException invalid) {
            throw new ConfigException("AI_BUSINESS_CONTEXT_NAMES_FILE is not a valid names file: "
                    + firstLine(invalid));
        }
    }

    private static BusinessDirectory directory(Content content) {
        Set<String> clientIds = new HashSet<>();
        List<BusinessDirectory.Client> clients = new ArrayList<>();
        for (ClientRow row : orEmpty(content.clients())) {
            unique(clientIds, row == null ? null : row.id(), "client");
            clients.add(new BusinessDirectory.Client(new ClientId(row.id()), name(row.name(), "client", row.id())));
        }
        Set<String> brandIds = new HashSet<>();
        List<BusinessDirectory.Brand> brands = new ArrayList<>();
        for (BrandRow row : orEmpty(content.brands())) {
            unique(brandIds, row == null ? null : row.id(), "brand");
            known(clientIds, row.clientId(), "brand " + row.id(), "clientId");
            brands.add(new BusinessDirectory.Brand(new BrandId(row.id()), new ClientId(row.clientId()),
                    name(row.name(), "brand", row.id())));
        }
        Set<String> locationIds = new HashSet<>();
        List<BusinessDirectory.Location> locations = new ArrayList<>();
        for (LocationRow row : orEmpty(content.locations())) {
            unique(locationIds, row == null ? null : row.id(), "location");
            known(brandIds, row.brandId(), "location " + row.id(), "brandId");
            locations.add(new BusinessDirectory.Location(new LocationId(row.id()), new BrandId(row.brandId()),
                    name(row.name(), "location", row.id())));
        }
        Set<String> teamIds = new HashSet<>();
        List<BusinessDirectory.Team> teams = new ArrayList<>();
        for (TeamRow row : orEmpty(content.teams())) {
            unique(teamIds, row == null ? null : row.id(), "team");
            known(brandIds, row.brandId(), "team " + row.id(), "brandId");
            teams.add(new BusinessDirectory.Team(new TeamId(row.id()), new BrandId(row.brandId()),
                    name(row.name(), "team", row.id())));
        }
        return new BusinessDirectory(clients, brands, locations, teams);
    }

    private static <T> List<T> orEmpty(List<T> rows) {
        return rows == null ? List.of() : rows;
    }

    private static void unique(Set<String> seen, String id, String kind) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " has no id");
        }
        if (!seen.add(id)) {
            throw new IllegalArgumentException("duplicate " + kind + " id " + id);
        }
    }

    private static void known(Set<String> ids, String reference, String owner, String field) {
        if (reference == null || !ids.contains(reference)) {
            throw new IllegalArgumentException(owner + " has a " + field + " the file does not define");
        }
    }

    private static String name(String name, String kind, String id) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(kind + " " + id + " has no name");
        }
        return name;
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
