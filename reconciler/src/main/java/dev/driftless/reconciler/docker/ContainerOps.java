package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine operations a rollout is made of, each idempotent, so that a step run again after a
 * crash does what is left and nothing twice: create-if-absent by name, start-if-not-running,
 * stop-if-running, rename-if-still-named, remove-if-present. Each checks that what it touches
 * carries the app's label (invariant 1).
 */
final class ContainerOps {

    private static final int STOP_TIMEOUT_SECONDS = 10;
    private static final int LOG_LINES = 20;

    private final DockerEngine engine;
    private final String app;

    ContainerOps(DockerEngine engine, String app) {
        this.engine = engine;
        this.app = app;
    }

    /** The container of this app named {@code name}, if any; one of another owner is refused. */
    Optional<InspectContainerResponse> find(String name) {
        try {
            InspectContainerResponse found = call(() -> client().inspectContainerCmd(name).exec());
            requireOwned(found, name);
            return Optional.of(found);
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    InspectContainerResponse inspect(String id) {
        return call(() -> client().inspectContainerCmd(id).exec());
    }

    /**
     * The id of the container named {@code name} made from {@code specHash}: the existing one when a
     * run interrupted after creating it left one, else a new one from {@code create}. A container
     * of ours under that name from another spec is an unproven leftover and is replaced.
     */
    String createIfAbsent(String name, String specHash, Supplier<String> create) {
        Optional<InspectContainerResponse> existing = find(name);
        if (existing.isPresent()) {
            Map<String, String> labels = existing.get().getConfig().getLabels();
            if (specHash.equals(labels.get(OwnershipLabels.SPEC_HASH))) {
                return existing.get().getId();
            }
            removeIfPresent(existing.get().getId());
        }
        // Not retried blindly: a create that timed out may have happened; the next run finds it by name.
        return create.get();
    }

    void startIfNotRunning(String id) {
        try {
            call(() -> client().startContainerCmd(id).exec());
        } catch (NotModifiedException alreadyRunning) {
            // started already: what we wanted
        }
    }

    /** Stops (as {@link #stopIfRunning} does) and starts {@code id} again; a stopped one is started. */
    void restart(String id) {
        call(() -> client().restartContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec());
    }

    void stopIfRunning(String id) {
        try {
            call(() -> client().stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec());
        } catch (NotModifiedException alreadyStopped) {
            // stopped already: what we wanted
        } catch (NotFoundException gone) {
            // nothing left to stop
        }
    }

    /** Renames {@code id} to {@code to} unless it already has that name. */
    void renameIfStillNamed(String id, String to) {
        InspectContainerResponse current = inspect(id);
        requireOwned(current, current.getName());
        if (current.getName().replaceFirst("^/", "").equals(to)) {
            return;
        }
        try {
            call(() -> client().renameContainerCmd(id).withName(to).exec());
        } catch (ConflictException taken) {
            throw new DockerEngineException("cannot rename " + current.getName() + " to " + to
                    + ": another container has that name", taken);
        }
    }

    void removeIfPresent(String id) {
        try {
            InspectContainerResponse current = inspect(id);
            requireOwned(current, current.getName());
            call(() -> client().removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec());
        } catch (NotFoundException gone) {
            // removed already
        }
    }

    /** The last lines the container wrote, for the user to see why it failed; "" when none can be read. */
    String lastLogLines(String id) {
        List<String> lines = new ArrayList<>();
        try {
            client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(LOG_LINES)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (lines) {
                                lines.add(new String(frame.getPayload(), StandardCharsets.UTF_8).stripTrailing());
                            }
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "";
        }
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private void requireOwned(InspectContainerResponse container, String name) {
        Map<String, String> labels = container.getConfig() == null ? null : container.getConfig().getLabels();
        if (labels == null || !app.equals(labels.get(OwnershipLabels.APP))) {
            throw new IllegalStateException("container " + name.replaceFirst("^/", "") + " does not carry "
                    + OwnershipLabels.APP + "=" + app + "; Driftless does not touch it");
        }
    }

    private <T> T call(Supplier<T> request) {
        return engine.calls().call(request);
    }

    private void call(Runnable request) {
        engine.calls().call(() -> {
            request.run();
            return null;
        });
    }

    private DockerClient client() {
        return engine.client();
    }
}
