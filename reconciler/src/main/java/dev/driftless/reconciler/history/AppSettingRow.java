package dev.driftless.reconciler.history;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A row of the {@code app_setting} table (migrations V2, V3). */
@MappedEntity(value = "app_setting", escape = false)
public record AppSettingRow(@Id String app, boolean suspended, Instant updatedAt, @Nullable String pinnedRevision) {
}
