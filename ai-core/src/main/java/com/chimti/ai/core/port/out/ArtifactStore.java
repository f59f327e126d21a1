package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.Optional;

/**
 * The bytes of artifacts. The store generates every key, so no caller-supplied name ever reaches it, and keeps
 * each owner's files apart. A write is atomic: a key returned names complete content.
 */
public interface ArtifactStore {

    /** Stores {@code content} for {@code owner} under a new key. */
    StorageKey write(TenantUser owner, byte[] content);

    /** The content under {@code key}, or empty when there is none (or the key is not one this store made). */
    Optional<byte[]> read(StorageKey key);

    /** Removes the content under {@code key}; nothing happens when there is none. */
    void delete(StorageKey key);

    /** Removes whatever the store still keeps of {@code owner} (their folder, say); idempotent. For erasure. */
    void forget(TenantUser owner);
}
