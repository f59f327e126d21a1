package com.chimti.ai.core.service.artifact;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.action.ArtifactWriter;
import com.chimti.ai.core.domain.action.NewArtifact;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.ArtifactLimits;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ArtifactContent;
import com.chimti.ai.core.port.in.ManageArtifacts;
import com.chimti.ai.core.port.out.ArtifactRepository;
import com.chimti.ai.core.port.out.ArtifactStore;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.port.out.ChatRepository;
import com.chimti.ai.core.service.chat.ChatService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Artifacts: handlers write them through {@link ArtifactWriter}, callers list and download them through
 * {@link ManageArtifacts}. The bytes go to the store first and the record second, so a listed artifact always has
 * content; a record that cannot be written takes its bytes with it.
 */
public final class ArtifactService implements ManageArtifacts, ArtifactWriter {
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final ChatRepository chats;
    private final AiAccessPolicy accessPolicy;
    private final ArtifactLimits limits;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param audit where an owner's deletion of an artifact is recorded ({@code ARTIFACT_DELETED}) */
    public ArtifactService(ArtifactRepository artifacts, ArtifactStore store, ChatRepository chats,
                           AiAccessPolicy accessPolicy, ArtifactLimits limits, AuditTrail audit, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.store = Objects.requireNonNull(store, "store");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AiArtifact write(NewArtifact request) {
        Caller owner = request.owner();
        accessPolicy.requireAccess(owner);
        owner.requireBrand(request.brandId());
        String mimeType = limits.requireAllowed(request.mimeType());
        limits.requireSize(request.content().length);
        StorageKey key = store.write(owner.tenantUser(), request.content());
        AiArtifact artifact = new AiArtifact(ArtifactId.newId(), owner.userId(), owner.clientId(),
                request.brandId(), request.chatId(), request.type(), request.title(), key, mimeType,
                request.content().length, request.metadata(), clock.instant());
        try {
            artifacts.insert(artifact);
        } catch (RuntimeException failed) {
            try {
                store.delete(key);
            } catch (RuntimeException cleanup) {
                failed.addSuppressed(cleanup);
            }
            throw failed;
        }
        return artifact;
    }

    @Override
    public List<AiArtifact> list(Caller caller, ChatId chatId, BrandId brandId) {
        accessPolicy.requireAccess(caller);
        if (chatId != null) {
            ChatService.ownedChat(chats, caller, chatId); // a filter naming a chat the caller cannot see is 404
        }
        if (brandId != null) {
            caller.requireBrand(brandId);
            if (caller.isBrandAdmin()) {
                return artifacts.findByBrand(caller.clientId(), brandId, chatId, MAX_LIST);
            }
        }
        // the caller's own, of this client only: the same user id under another client is not theirs here
        return artifacts.findByOwner(caller.tenantUser(), chatId, brandId, MAX_LIST).stream()
                .filter(artifact -> artifact.readableBy(caller)).toList();
    }

    @Override
    public AiArtifact get(Caller caller, ArtifactId artifactId) {
        accessPolicy.requireAccess(caller);
        return artifacts.findById(artifactId)
                .filter(artifact -> artifact.readableBy(caller))
                .orElseThrow(() -> new NotFoundException("artifact not found"));
    }

    @Override
    public ArtifactContent open(Caller caller, ArtifactId artifactId) {
        AiArtifact artifact = get(caller, artifactId);
        byte[] bytes = store.read(artifact.storageKey())
                .orElseThrow(() -> new IllegalStateException("the content of artifact " + artifactId + " is missing"));
        if (bytes.length != artifact.sizeBytes()) {
            throw new IllegalStateException("the content of artifact " + artifactId + " has changed size");
        }
        return new ArtifactContent(artifact, bytes);
    }

    /**
     * The owner's own artifacts only: to anyone else (a brand admin who may read it included) it does not exist.
     * The record goes first, so nobody lists an artifact whose bytes are gone; a second delete is 404.
     */
    @Override
    public void delete(Caller caller, ArtifactId artifactId) {
        accessPolicy.requireAccess(caller);
        AiArtifact artifact = artifacts.findById(artifactId)
                .filter(found -> found.userId().equals(caller.userId())
                        && caller.clientId().equals(found.clientId()))
                .orElseThrow(() -> new NotFoundException("artifact not found"));
        if (!artifacts.delete(artifact.id())) {
            throw new NotFoundException("artifact not found"); // deleted meanwhile by another request or a sweep
        }
        store.delete(artifact.storageKey());
        audit.record(AuditEvent.by(caller, AuditEventType.ARTIFACT_DELETED, artifact.brandId(),
                Map.of("artifactId", artifact.id().value(), "sizeBytes", Long.toString(artifact.sizeBytes())),
                clock.instant()));
    }
}
