package dev.driftless.reconciler.journal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A row of the {@code journal_rollout} table (migration V4, its target V13). */
@MappedEntity(value = "journal_rollout", escape = false)
public record JournalRolloutRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id,
        String app,
        String revision,
        @MappedProperty("trigger_kind") String trigger,
        String state,
        Instant startedAt,
        Instant updatedAt,
        String error,
        String target) {

    JournalRolloutRow with(String newState, Instant at, String newError) {
        return new JournalRolloutRow(id, app, revision, trigger, newState, startedAt, at, newError, target);
    }
}
