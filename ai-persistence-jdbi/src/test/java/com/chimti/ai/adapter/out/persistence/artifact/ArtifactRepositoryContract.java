package com.chimti.ai.adapter.out.persistence.artifact;

import static com.chimti.ai.adapter.out.persistence.testing.TestData.T0;
import static com.chimti.ai.adapter.out.persistence.testing.TestData.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.ArtifactRepository;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What the artifact repository must do on any PostgreSQL, matching ai-core's InMemoryArtifactRepository: fresh
 * random owners and clients per test, so no cleanup is needed.
 */
abstract class ArtifactRepositoryContract extends DatabaseContract {
    private ArtifactRepository artifacts() {
        return instance().artifactRepository();
    }

    private AiChat insertedChat(UserId user, ClientId client) {
        AiChat chat = TestData.chat(user, client, null, T0);
        instance().chatRepository().insert(chat);
        return chat;
    }

    private static AiArtifact artifact(UserId user, ClientId client, BrandId brand, ChatId chat, Instant at) {
        return new AiArtifact(ArtifactId.newId(), user, client, brand, chat, "summary", "Week 12",
                new StorageKey(UUID.randomUUID().toString().replace("-", "") + "/"
                        + UUID.randomUUID().toString().replace("-", "")),
                "text/markdown", 1234, Map.of("actionId", "a1", "pages", 2), at);
    }

    @Test
    void storesEveryFieldOfAnArtifact() {
        UserId user = TestData.user();
        ClientId client = TestData.client();
        AiChat chat = insertedChat(user, client);
        AiArtifact written = artifact(user, client, new BrandId("b1"), chat.id(), T0);
        artifacts().insert(written);

        AiArtifact stored = artifacts().findById(written.id()).orElseThrow();

        assertThat(stored).isEqualTo(new AiArtifact(written.id(), user, client, new BrandId("b1"), chat.id(),
                "summary", "Week 12", written.storageKey(), "text/markdown", 1234,
                Map.of("actionId", "a1", "pages", 2), micros(T0)));
        assertThat(artifacts().findById(ArtifactId.newId())).isEmpty();
    }

    @Test
    void listsAnOwnersArtifactsNewestFirstByChatAndBrand() {
        UserId me = TestData.user();
        ClientId client = TestData.client();
        AiChat chat = insertedChat(me, client);
        BrandId b1 = new BrandId("b1");
        AiArtifact older = artifact(me, client, b1, chat.id(), T0);
        AiArtifact newer = artifact(me, client, new BrandId("b2"), null, T0.plusSeconds(1));
        AiArtifact newest = artifact(me, client, b1, null, T0.plusSeconds(2));
        AiArtifact someoneElses = artifact(TestData.user(), client, b1, null, T0.plusSeconds(3));
        for (AiArtifact a : new AiArtifact[] {older, newer, newest, someoneElses}) {
            artifacts().insert(a);
        }

        assertThat(artifacts().findByOwner(new TenantUser(client, me), null, null, 10)).extracting(AiArtifact::id)
                .containsExactly(newest.id(), newer.id(), older.id());
        assertThat(artifacts().findByOwner(new TenantUser(client, me), null, null, 2)).extracting(AiArtifact::id)
                .containsExactly(newest.id(), newer.id());
        assertThat(artifacts().findByOwner(new TenantUser(client, me), chat.id(), null, 10)).extracting(AiArtifact::id)
                .containsExactly(older.id());
        assertThat(artifacts().findByOwner(new TenantUser(client, me), null, b1, 10)).extracting(AiArtifact::id)
                .containsExactly(newest.id(), older.id());
        // the same sub in another client owns none of them
        assertThat(artifacts().findByOwner(new TenantUser(TestData.client(), me), null, null, 10)).isEmpty();
    }

    @Test
    void listsABrandOfOneClientForEveryOwner() {
        ClientId client = TestData.client();
        BrandId brand = new BrandId("b1");
        UserId alice = TestData.user();
        AiChat aliceChat = insertedChat(alice, client);
        AiArtifact a = artifact(alice, client, brand, aliceChat.id(), T0);
        AiArtifact b = artifact(TestData.user(), client, brand, null, T0.plusSeconds(1));
        AiArtifact otherBrand = artifact(alice, client, new BrandId("b2"), null, T0);
        AiArtifact otherClient = artifact(TestData.user(), TestData.client(), brand, null, T0);
        AiArtifact noBrand = artifact(alice, client, null, null, T0);
        for (AiArtifact x : new AiArtifact[] {a, b, otherBrand, otherClient, noBrand}) {
            artifacts().insert(x);
        }

        assertThat(artifacts().findByBrand(client, brand, null, 10)).extracting(AiArtifact::id)
                .containsExactly(b.id(), a.id());
        assertThat(artifacts().findByBrand(client, brand, aliceChat.id(), 10)).extracting(AiArtifact::id)
                .containsExactly(a.id());
        assertThat(artifacts().findByBrand(client, brand, null, 1)).extracting(AiArtifact::id)
                .containsExactly(b.id());
    }

    @Test
    void deletingTheChatKeepsTheArtifactAndDeleteRemovesIt() {
        UserId me = TestData.user();
        ClientId client = TestData.client();
        AiChat chat = insertedChat(me, client);
        AiArtifact written = artifact(me, client, null, chat.id(), T0);
        artifacts().insert(written);

        instance().chatRepository().delete(chat.id());
        assertThat(artifacts().findById(written.id()).orElseThrow().chatId()).isNull();

        assertThat(artifacts().delete(written.id())).isTrue();
        assertThat(artifacts().findById(written.id())).isEmpty();
        assertThat(artifacts().delete(written.id())).isFalse();
    }

    @Test
    void aNegativeSizeNeverReachesTheTable() {
        UserId me = TestData.user();
        ClientId client = TestData.client();
        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> h.execute(
                "INSERT INTO ai_artifacts (id, user_id, client_id, type, storage_path, size_bytes, created_at)"
                        + " VALUES (?, ?, ?, 'x', 'k', -1, now())", ArtifactId.newId().value(), me.value(),
                client.value()))).hasMessageContaining("size_bytes");
    }

    @Test
    void retentionDeletesTheOldestFirstAndConcurrentSweepsShareTheRowsWithoutConflict() throws Exception {
        UserId me = TestData.user();
        ClientId client = TestData.client();
        // far in the past, so the rows of other tests on this database (written at T0) are never in the way
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        java.util.List<AiArtifact> expired = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AiArtifact a = artifact(me, client, null, null, old.plusSeconds(i));
            artifacts().insert(a);
            expired.add(a);
        }
        AiArtifact young = artifact(me, client, null, null, old.plusSeconds(100));
        artifacts().insert(young);
        Instant cutoff = old.plusSeconds(50);

        assertThat(artifacts().deleteCreatedBefore(cutoff, 2))
                .containsExactly(expired.get(0).storageKey(), expired.get(1).storageKey());

        // four sweepers at once, in batches of three: no error, and every key handed out exactly once
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<java.util.List<StorageKey>>> sweeps = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sweeps.add(pool.submit(() -> {
                    java.util.List<StorageKey> mine = new java.util.ArrayList<>();
                    java.util.List<StorageKey> batch;
                    do {
                        batch = artifacts().deleteCreatedBefore(cutoff, 3);
                        mine.addAll(batch);
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            java.util.List<StorageKey> all = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<java.util.List<StorageKey>> sweep : sweeps) {
                all.addAll(sweep.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                    expired.subList(2, 40).stream().map(AiArtifact::storageKey).toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(artifacts().findById(young.id())).isPresent();
        assertThat(artifacts().findById(expired.get(5).id())).isEmpty();
    }
}
