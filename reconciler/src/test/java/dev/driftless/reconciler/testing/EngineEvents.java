package dev.driftless.reconciler.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Counts what the engine itself says happened, from its event stream: the independent witness
 * that a reconcile made no mutating call. Reads (list, inspect) make no events; every create,
 * start, stop, rename, remove and network change does.
 */
public final class EngineEvents {

    private EngineEvents() {
    }

    /** Events about the app's containers and its networks between two instants, as "type action name". */
    public static List<String> between(DockerClient client, String app, Instant since, Instant until) {
        List<String> events = new ArrayList<>();
        ResultCallback.Adapter<Event> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                var attributes = event.getActor() == null || event.getActor().getAttributes() == null
                        ? java.util.Map.<String, String>of() : event.getActor().getAttributes();
                boolean ours = app.equals(attributes.get("dev.driftless.app"))
                        || attributes.getOrDefault("name", "").startsWith(app);
                if (ours) {
                    events.add(event.getType().getValue() + " " + event.getAction() + " " + attributes.get("name"));
                }
            }
        };
        try {
            client.eventsCmd().withSince(timestamp(since)).withUntil(timestamp(until)).exec(callback)
                    .awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return events;
    }

    private static String timestamp(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }
}
