package dev.driftless.reconciler.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which apps a push touched, from the paths it changed: an app is touched when a changed file lies
 * in its folder. A changed file outside every app's folder (a shared env file, a root-level
 * configuration) may matter to all of them, so it widens the scope to every app; so does a push
 * whose provider did not list its files. Pure: the caller supplies the layout it last rendered.
 */
public final class AffectedApps {

    private AffectedApps() {
    }

    /**
     * @param changedPaths repo-relative paths the push changed; empty when the provider did not say
     * @param subPath the folder of the repo the source reads ("" for all of it)
     * @param appFolders each app's folder within the source ("" for an app at its root)
     * @return the scope to reconcile, or empty when the push changed nothing the source reads
     */
    public static Optional<ReconcileScope> of(Optional<Set<String>> changedPaths, String subPath,
            Map<String, String> appFolders) {
        if (changedPaths.isEmpty()) {
            return Optional.of(ReconcileScope.ALL);
        }
        String prefix = subPath.isEmpty() || subPath.endsWith("/") ? subPath : subPath + "/";
        Set<String> touched = new TreeSet<>();
        boolean anyInSource = false;
        for (String path : changedPaths.get()) {
            if (!path.startsWith(prefix)) {
                continue;
            }
            anyInSource = true;
            String relative = path.substring(prefix.length());
            Optional<String> owner = appFolders.entrySet().stream()
                    .filter(app -> !app.getValue().isEmpty() && relative.startsWith(app.getValue() + "/"))
                    .map(Map.Entry::getKey)
                    .findFirst();
            if (owner.isEmpty()) {
                return Optional.of(ReconcileScope.ALL);
            }
            touched.add(owner.get());
        }
        return anyInSource ? Optional.of(ReconcileScope.apps(touched)) : Optional.empty();
    }
}
