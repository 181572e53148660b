package dev.driftless.reconciler.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A row of the {@code rollout} table (migration V1, its target V13). */
@MappedEntity(value = "rollout", escape = false)
public record RolloutRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id,
        String app,
        String revision,
        @MappedProperty("trigger_kind") String trigger,
        Instant startedAt,
        Instant finishedAt,
        String result,
        String summary,
        String error,
        String target) {
}
