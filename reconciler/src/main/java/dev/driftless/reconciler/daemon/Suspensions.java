package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.SuspendedApps;
import dev.driftless.reconciler.history.AppSettingRepository;
import dev.driftless.reconciler.history.AppSettingRow;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which apps are suspended, kept in the store so that a restart does not quietly resume them, and
 * in memory so that every reconcile can ask without a query.
 */
@Singleton
public final class Suspensions implements SuspendedApps {

    private final AppSettingRepository settings;
    private final Clock clock;
    private final Set<String> suspended = ConcurrentHashMap.newKeySet();

    public Suspensions(AppSettingRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        settings.findBySuspendedTrue().forEach(row -> suspended.add(row.app()));
    }

    @Override
    public boolean isSuspended(String app) {
        return suspended.contains(app);
    }

    public synchronized void suspend(String app) {
        save(app, true);
        suspended.add(app);
    }

    public synchronized void resume(String app) {
        save(app, false);
        suspended.remove(app);
    }

    private void save(String app, boolean value) {
        AppSettingRow row = new AppSettingRow(app, value, clock.instant());
        if (settings.existsById(app)) {
            settings.update(row);
        } else {
            settings.save(row);
        }
    }
}
