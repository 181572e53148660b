package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.BadRequestException;
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
 * stop-if-running, rename-if-still-named, remove-if-present. What is found by name is checked to
 * carry the app's label (invariant 1); ids come only from what was so checked (see
 * {@link #removeIfPresent}).
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
     * The id of the container named {@code name} made from {@code specHash}: a new one from
     * {@code create}, or, when the name is taken because a run interrupted after creating it left
     * one, that one. A container of ours under that name from another spec is an unproven leftover
     * and is replaced. Creating first and looking only when the engine says the name is taken costs
     * the usual case one request instead of two.
     */
    String createIfAbsent(String name, String specHash, Supplier<String> create) {
        try {
            // Not retried blindly: a create that timed out may have happened; the next run finds it by name.
            return create.get();
        } catch (ConflictException taken) {
            Optional<InspectContainerResponse> existing = find(name);
            if (existing.isPresent()) {
                Map<String, String> labels = existing.get().getConfig().getLabels();
                if (specHash.equals(labels.get(OwnershipLabels.SPEC_HASH))) {
                    return existing.get().getId();
                }
                removeIfPresent(existing.get().getId());
            }
            return create.get();
        }
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

    /**
     * Renames {@code id} to {@code to} unless it already has that name.
     *
     * @throws NameTaken when another container holds {@code to}
     */
    void renameIfStillNamed(String id, String to) {
        try {
            call(() -> client().renameContainerCmd(id).withName(to).exec());
        } catch (BadRequestException refused) {
            // The engine refuses a rename to the name a container already has: done, if that is why.
            String current = inspect(id).getName().replaceFirst("^/", "");
            if (!current.equals(to)) {
                throw refused;
            }
        } catch (ConflictException taken) {
            throw new NameTaken("cannot rename " + id + " to " + to + ": another container has that name", taken);
        }
    }

    /**
     * Removes {@code id}, running or not, unless it is gone already. Like every operation here that
     * takes an id, it is given only ids of this app's containers: observed with its label, or
     * created by this rollout. A container's labels cannot change after it is created, so that
     * check, once made, holds for as long as the id exists, and no inspect is needed first.
     */
    void removeIfPresent(String id) {
        try {
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

    /** The engine refused a rename because another container holds the name. */
    static final class NameTaken extends DockerEngineException {
        NameTaken(String message, Throwable cause) {
            super(message, cause);
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
