package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ArtifactStore;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Reference behaviour of {@link ArtifactStore}: a fresh key per write, content copied in and out. */
public final class InMemoryArtifactStore implements ArtifactStore {
    private final Map<StorageKey, byte[]> files = new ConcurrentHashMap<>();
    private final Map<StorageKey, TenantUser> owners = new ConcurrentHashMap<>();

    @Override
    public StorageKey write(TenantUser owner, byte[] content) {
        StorageKey key = new StorageKey("mem/" + UUID.randomUUID());
        files.put(key, content.clone());
        owners.put(key, owner);
        return key;
    }

    @Override
    public Optional<byte[]> read(StorageKey key) {
        return Optional.ofNullable(files.get(key)).map(byte[]::clone);
    }

    @Override
    public void delete(StorageKey key) {
        files.remove(key);
        owners.remove(key);
    }

    @Override
    public void forget(TenantUser owner) {
        owners.entrySet().removeIf(entry -> {
            if (entry.getValue().equals(owner)) {
                files.remove(entry.getKey());
                return true;
            }
            return false;
        });
    }

    /** Whether any content of {@code owner} is still stored. */
    public boolean holdsAnythingOf(TenantUser owner) {
        return owners.containsValue(owner);
    }

    public int size() {
        return files.size();
    }

    /** Replaces stored content behind the service's back, as a damaged disk would. */
    public void corrupt(StorageKey key, byte[] content) {
        files.put(key, content.clone());
    }
}
