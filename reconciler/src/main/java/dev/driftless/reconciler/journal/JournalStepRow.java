package dev.driftless.reconciler.journal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of the {@code journal_step} table (migration V4). */
@MappedEntity(value = "journal_step", escape = false)
public record JournalStepRow(
        @Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id,
        Long rolloutId,
        int stepIndex,
        String kind,
        String subject,
        String reason,
        String state,
        String detail,
        Instant updatedAt) {

    JournalStepRow with(String newState, String newDetail, Instant at) {
        return new JournalStepRow(id, rolloutId, stepIndex, kind, subject, reason, newState, newDetail, at);
    }
}
