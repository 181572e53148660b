package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The engine's events, narrowed to what can be drift: a container of ours that died, was stopped,
 * removed or renamed. Each event names only the app it concerns; it is a hint to look, never the
 * truth about the world (the reconcile it triggers re-reads everything). It listens on the engine's
 * one stream ({@link EngineEvents}), so finding drift this way costs nothing while nothing happens.
 */
public final class ContainerEvents {

    /** The container actions that may leave an app out of sync. */
    static final List<String> ACTIONS = List.of("die", "stop", "destroy", "rename");

    private ContainerEvents() {
    }

    /**
     * Follows the events of {@code engine} until the returned handle is closed or the stream ends.
     *
     * @param app called with the app of each event, on the stream's thread
     * @param ended called once when the stream ends or fails (the engine went away): follow again later
     */
    public static Closeable follow(DockerEngine engine, Consumer<String> app, Runnable ended) {
        return engine.events().subscribe(new EngineEvents.Listener() {
            @Override
            public void started() {
                // events from now on; drift from before is the periodic poll's to find
            }

            @Override
            public void event(Event event) {
                driftOf(event).ifPresent(app);
            }

            @Override
            public void ended() {
                ended.run();
            }
        });
    }

    /** The app whose container {@code event} may have taken out of sync, if it is such an event. */
    static Optional<String> driftOf(Event event) {
        if (event.getType() != EventType.CONTAINER || event.getActor() == null
                || event.getActor().getAttributes() == null) {
            return Optional.empty();
        }
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        Map<String, String> attributes = event.getActor().getAttributes();
        String app = attributes.get(OwnershipLabels.APP);
        if (app == null || !ACTIONS.contains(action) || ownRolloutStep(attributes)) {
            return Optional.empty();
        }
        return Optional.of(app);
    }

    /**
     * Whether the event is the echo of a rollout's own step: a replacement starts under a
     * {@code -driftless-next} name and the container it replaces is set aside under
     * {@code -driftless-old}, so every stop, rename and removal a rollout makes involves one of them,
     * now or before the rename; a change made by hand does not.
     */
    static boolean ownRolloutStep(Map<String, String> attributes) {
        return Stream.of(attributes.get("name"), attributes.get("oldName"))
                .filter(Objects::nonNull)
                .anyMatch(name -> name.endsWith(ContainerName.NEXT_SUFFIX) || name.endsWith(ContainerName.ASIDE_SUFFIX));
    }
}
