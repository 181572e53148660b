package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import dev.driftless.reconciler.engine.TargetObserver;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedImage;
import dev.driftless.reconciler.state.ObservedImages;
import dev.driftless.reconciler.state.ObservedNetwork;
import dev.driftless.reconciler.state.ObservedVolume;
import dev.driftless.reconciler.state.ObservedTarget;
import dev.driftless.reconciler.state.OwnershipLabels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads back what runs on one engine: one label-filtered container list, one network list, one
 * volume list and one image list per reconcile, asked at once, whatever the number of apps. Containers without Driftless's app
 * label are never seen, so nothing downstream can touch them; nor are those labelled for another target
 * (see {@link DockerEngine#owns}), so that two targets on one engine never prune each other.
 */
public final class DockerObserver {

    private static final Pattern EXITED = Pattern.compile("^Exited \\((\\d{1,3})\\)");

    /** Runs the lists asked alongside the container list; its threads end after a minute idle. */
    private static final ExecutorService LISTS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "driftless-observe");
                thread.setDaemon(true);
                return thread;
            });

    private DockerObserver() {
    }

    /** Observes the engine {@code engine} gives at each call (the daemon reconnects after a restart). */
    public static TargetObserver observer(Supplier<DockerEngine> engine) {
        return new TargetObserver() {
            @Override
            public ObservedTarget observe() {
                return DockerObserver.observe(engine.get());
            }

            @Override
            public ObservedTarget observeContainers() {
                return DockerObserver.observeContainers(engine.get());
            }
        };
    }

    /**
     * Like {@link #observe}, reusing the engine's last observation while its event stream shows that
     * nothing changed since (see {@link FollowedObservations}): what a long-running daemon uses.
     */
    public static ObservedTarget observeFollowing(DockerEngine engine) {
        return engine.followed().observe(DockerObserver::observe);
    }

    /** The engine's containers of ours, without its networks, volumes and images: one list call. */
    public static ObservedTarget observeContainers(DockerEngine engine) {
        try {
            return ObservedTarget.of(engine.target(), containers(engine), Map.of(), Map.of(), Set.of(), Set.of(),
                    ObservedImages.NOT_OBSERVED);
        } catch (RuntimeException e) {
            throw new DockerEngineException("cannot list containers on " + engine.host() + ": "
                    + DockerEngine.rootMessage(e), e);
        }
    }

    public static ObservedTarget observe(DockerEngine engine) {
        try {
            // The four lists are independent: asked at once, an observe costs the slowest of them,
            // not their sum (with 500 containers, the container list alone is most of it).
            CompletableFuture<List<Network>> networkList = alongside(engine,
                    () -> engine.client().listNetworksCmd().exec());
            CompletableFuture<List<InspectVolumeResponse>> volumeList = alongside(engine,
                    () -> engine.client().listVolumesCmd().exec().getVolumes());
            CompletableFuture<List<Image>> imageList = alongside(engine, () -> engine.client().listImagesCmd().exec());
            List<ObservedContainer> containers = containers(engine);
            // Every network and volume, ours or not, in one call each: external ones must exist, and a
            // name someone else holds must not be created over.
            List<Network> networks = join(networkList);
            Map<String, List<ObservedNetwork>> networksByApp = networks.stream()
                    .filter(network -> network.getLabels() != null && network.getLabels().get(OwnershipLabels.APP) != null
                            && engine.owns(network.getLabels()))
                    .collect(Collectors.groupingBy(network -> network.getLabels().get(OwnershipLabels.APP),
                            Collectors.mapping(network -> new ObservedNetwork(network.getName(),
                                    network.getLabels().getOrDefault(OwnershipLabels.COMPOSE_NETWORK, ""),
                                    network.getLabels().getOrDefault(OwnershipLabels.SPEC_HASH, ""),
                                    network.getLabels().getOrDefault(OwnershipLabels.SOURCE, "")),
                                    Collectors.toList())));
            var listed = join(volumeList);
            List<InspectVolumeResponse> volumes = listed == null ? List.of() : listed;
            Map<String, List<ObservedVolume>> volumesByApp = volumes.stream()
                    .filter(volume -> volume.getLabels() != null && volume.getLabels().get(OwnershipLabels.APP) != null
                            && engine.owns(volume.getLabels()))
                    .collect(Collectors.groupingBy(volume -> volume.getLabels().get(OwnershipLabels.APP),
                            Collectors.mapping(volume -> new ObservedVolume(volume.getName(),
                                    volume.getLabels().getOrDefault(OwnershipLabels.SPEC_HASH, ""),
                                    "true".equals(volume.getLabels().get(OwnershipLabels.PRUNE)),
                                    volume.getLabels().getOrDefault(OwnershipLabels.SOURCE, "")),
                                    Collectors.toList())));
            return ObservedTarget.of(engine.target(),
                    containers, networksByApp, volumesByApp,
                    networks.stream().map(Network::getName).collect(Collectors.toSet()),
                    volumes.stream().map(InspectVolumeResponse::getName).collect(Collectors.toSet()),
                    images(join(imageList)));
        } catch (RuntimeException e) {
            throw new DockerEngineException("cannot list containers on " + engine.host() + ": "
                    + DockerEngine.rootMessage(e), e);
        }
    }

    /** Ours: the containers with an app label, of this target (see {@link DockerEngine#owns}). */
    private static List<ObservedContainer> containers(DockerEngine engine) {
        List<Container> listed = engine.calls().call(() -> engine.client().listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(OwnershipLabels.APP))
                .exec());
        return listed.stream().filter(container -> engine.owns(container.getLabels()))
                .map(DockerObserver::toObserved).toList();
    }

    private static <T> CompletableFuture<T> alongside(DockerEngine engine, Supplier<T> list) {
        return CompletableFuture.supplyAsync(() -> engine.calls().call(list), LISTS);
    }

    private static <T> T join(CompletableFuture<T> list) {
        try {
            return list.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    static ObservedContainer toObserved(Container container) {
        Map<String, String> labels = container.getLabels() == null ? Map.of() : container.getLabels();
        String name = container.getNames() == null || container.getNames().length == 0 ? container.getId()
                : container.getNames()[0].replaceFirst("^/", "");
        return new ObservedContainer(
                container.getId(),
                name,
                labels.get(OwnershipLabels.APP),
                Objects.requireNonNullElse(labels.get(OwnershipLabels.SERVICE),
                        labels.getOrDefault(OwnershipLabels.COMPOSE_SERVICE, "")),
                number(labels.get(OwnershipLabels.COMPOSE_NUMBER)),
                labels.getOrDefault(OwnershipLabels.SPEC_HASH, ""),
                labels.getOrDefault(OwnershipLabels.REVISION, ""),
                ContainerState.of(container.getState()),
                labels,
                Objects.requireNonNullElse(container.getImageId(), ""),
                exitCode(container.getStatus()),
                volumeMounts(container));
    }

    /** The volumes in the list call's mounts, by mount point; a bind or tmpfs mount has no volume name. */
    static Map<String, String> volumeMounts(Container container) {
        if (container.getMounts() == null || container.getMounts().isEmpty()) {
            return Map.of();
        }
        Map<String, String> volumes = new java.util.TreeMap<>();
        for (ContainerMount mount : container.getMounts()) {
            if (mount.getName() != null && !mount.getName().isEmpty() && mount.getDestination() != null) {
                volumes.put(mount.getDestination(), mount.getName());
            }
        }
        return volumes;
    }

    /** The code in the list call's status ("Exited (137) 5 seconds ago"), when it has one. */
    static OptionalInt exitCode(String status) {
        Matcher matcher = status == null ? null : EXITED.matcher(status);
        return matcher != null && matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1)))
                : OptionalInt.empty();
    }

    /** Every tagged or pulled image; the dangling ones no reference names are of no use to a plan. */
    static ObservedImages images(List<Image> images) {
        List<ObservedImage> observed = new ArrayList<>();
        for (Image image : images) {
            List<String> references = new ArrayList<>();
            for (String[] names : new String[][] {image.getRepoTags(), image.getRepoDigests()}) {
                if (names != null) {
                    Arrays.stream(names).filter(name -> !name.startsWith("<none>")).forEach(references::add);
                }
            }
            if (!references.isEmpty()) {
                observed.add(new ObservedImage(image.getId(), references,
                        image.getLabels() == null ? Map.of() : image.getLabels()));
            }
        }
        return ObservedImages.of(observed);
    }

    private static int number(String label) {
        try {
            return label == null ? 0 : Integer.parseInt(label.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
