package dev.driftless.reconciler.daemon;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.value.PropertyResolver;

/** True when the configuration names a source: {@code driftless.source.url} or {@code driftless.sources}. */
public final class HasSources implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        if (!(context.getBeanContext() instanceof PropertyResolver properties)) {
            return false;
        }
        return properties.containsProperty("driftless.source.url")
                || !properties.getPropertyEntries("driftless.sources").isEmpty();
    }
}
