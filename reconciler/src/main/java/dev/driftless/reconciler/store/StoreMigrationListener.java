package dev.driftless.reconciler.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.naming.NameResolver;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Migrates the {@code default} store as soon as its pool is created, before any repository, the
 * lease or the journal can use it, as micronaut-flyway did. By the time this listener sees the
 * bean, Micronaut Data has already wrapped the Hikari pool in its proxy
 * ({@code ContextualAwareDataSource.DataSourceProxy}), which hands out only the connection of a
 * current transaction; the migration runs on the raw pool (unwrapped through
 * {@link DataSourceResolver}, as micronaut-flyway does) and manages its own transactions.
 *
 * <p>On by default; {@code driftless.store.migrate: false} turns it off, for a store whose schema
 * a person manages with their own tools (the daemon then expects the tables to be there).
 */
@Singleton
@Requires(property = "driftless.store.migrate", notEquals = "false")
public final class StoreMigrationListener implements BeanCreatedEventListener<DataSource> {

    private final DataSourceResolver resolver;

    public StoreMigrationListener(DataSourceResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        DataSource dataSource = event.getBean();
        boolean isDefault = !(event.getBeanDefinition() instanceof NameResolver named)
                || named.resolveName().map("default"::equals).orElse(true);
        if (isDefault) {
            SchemaMigrator.bundled().migrate(resolver.resolve(dataSource));
        }
        return dataSource;
    }
}
