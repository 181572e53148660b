package dev.driftless.reconciler.daemon;

import dev.driftless.reconciler.engine.SuspendedApps;
import dev.driftless.reconciler.history.AppSettingRepository;
import dev.driftless.reconciler.history.AppSettingRow;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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
    private final Map<String, String> pinned = new ConcurrentHashMap<>();

    public Suspensions(AppSettingRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        reload();
    }

    /**
     * Reads the suspensions again from the store: with several instances, a standby's API may
     * have suspended, resumed or rolled back an app, and the leader must follow before it plans.
     */
    public synchronized void reload() {
        Set<String> nowSuspended = new java.util.HashSet<>();
        Map<String, String> nowPinned = new java.util.HashMap<>();
        settings.findBySuspendedTrue().forEach(row -> {
            nowSuspended.add(row.app());
            if (row.pinnedRevision() != null) {
                nowPinned.put(row.app(), row.pinnedRevision());
            }
        });
        suspended.retainAll(nowSuspended);
        suspended.addAll(nowSuspended);
        pinned.keySet().retainAll(nowPinned.keySet());
        pinned.putAll(nowPinned);
    }

    @Override
    public boolean isSuspended(String app) {
        return suspended.contains(app);
    }

    @Override
    public Optional<String> pinnedRevision(String app) {
        return Optional.ofNullable(pinned.get(app));
    }

    public synchronized void suspend(String app) {
        save(app, true, null);
        suspended.add(app);
        pinned.remove(app);
    }

    /** Suspends automatic sync and pins the app to {@code revision}: what a rollback does. */
    public synchronized void pin(String app, String revision) {
        save(app, true, revision);
        suspended.add(app);
        pinned.put(app, revision);
    }

    public synchronized void resume(String app) {
        save(app, false, null);
        suspended.remove(app);
        pinned.remove(app);
    }

    private void save(String app, boolean value, String revision) {
        AppSettingRow row = new AppSettingRow(app, value, clock.instant(), revision);
        if (settings.existsById(app)) {
            settings.update(row);
        } else {
            settings.save(row);
        }
    }
}
