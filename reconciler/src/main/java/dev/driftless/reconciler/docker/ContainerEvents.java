package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.driftless.reconciler.state.ContainerName;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's event stream, narrowed to what can be drift: a container of ours that died, was
 * stopped, removed or renamed. Each event names only the app it concerns; it is a hint to look,
 * never the truth about the world (the reconcile it triggers re-reads everything). One streaming
 * call per engine, so finding drift this way costs nothing while nothing happens.
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
    /**
     * Whether the event is the echo of a rollout's own step: a replacement starts under a
     * {@code -driftless-next} name and the container it replaces is set aside under
     * {@code -driftless-old}, so every stop, rename and removal a rollout makes involves one of them,
     * now or before the rename; a change made by hand does not.
     */
    static boolean ownRolloutStep(Map<String, String> attributes) {
        return java.util.stream.Stream.of(attributes.get("name"), attributes.get("oldName"))
                .filter(java.util.Objects::nonNull)
                .anyMatch(name -> name.endsWith(ContainerName.NEXT_SUFFIX) || name.endsWith(ContainerName.ASIDE_SUFFIX));
    }

    public static Closeable follow(DockerEngine engine, Consumer<String> app, Runnable ended) {
        return engine.client().eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter(ACTIONS.toArray(String[]::new))
                .withLabelFilter(OwnershipLabels.APP)
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        Map<String, String> attributes = event.getActor() == null ? null
                                : event.getActor().getAttributes();
                        String name = attributes == null ? null : attributes.get(OwnershipLabels.APP);
                        if (name != null && !ownRolloutStep(attributes)) {
                            app.accept(name);
                        }
                    }

                    @Override
                    public void onError(Throwable error) {
                        super.onError(error);
                        ended.run();
                    }

                    @Override
                    public void onComplete() {
                        super.onComplete();
                        ended.run();
                    }
                });
    }
}
