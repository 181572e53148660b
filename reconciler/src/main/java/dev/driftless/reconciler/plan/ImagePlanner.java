package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.reconciler.state.ImageLabels;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedImage;
import dev.driftless.reconciler.state.ObservedImages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The image part of a plan, pure like the rest: which images to build or pull before any
 * container is touched, and which running container must be recreated because its image tag now
 * points at another image.
 *
 * <p>A built service's image is rebuilt exactly when no image under its name carries the
 * fingerprint of its build inputs ({@link SpecHash#ofBuild}); Driftless never pulls it. Other
 * images follow the service's {@code pull_policy}: {@code missing} (the default) and
 * {@code if_not_present} pull when the engine has no such image, {@code always} pulls on every
 * reconcile, {@code never} and {@code build} never pull, and a missing image then fails the
 * container's creation with a clear error. When the engine's images were not observed, nothing is
 * decided from them: builds are planned, pulls are left to the container's creation.
 */
final class ImagePlanner {

    private ImagePlanner() {
    }

    /** The image steps of one app, and what they mean for its containers. */
    record ImagePlan(List<Action> actions, List<String> warnings, ObservedImages images) {

        ImagePlan {
            actions = List.copyOf(actions);
            warnings = List.copyOf(warnings);
        }

        /**
         * Why {@code container} must be recreated although its spec is unchanged: the tag it was
         * created from now names another image (pulled or built since, by us or by hand).
         */
        Optional<String> moved(DesiredService service, ObservedContainer container) {
            if (container.imageId().isEmpty()) {
                return Optional.empty();
            }
            return images.find(service.image())
                    .filter(image -> !image.id().equals(container.imageId()))
                    .map(image -> "tag moved: digest changed (" + service.image() + " is now image "
                            + image.shortId() + ", the container runs " + shortId(container.imageId()) + ")");
        }
    }

    static ImagePlan plan(String app, String revision, List<DesiredService> services, ObservedImages images) {
        Map<String, Action> byImage = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (DesiredService service : services) {
            if (service.build().isPresent()) {
                build(app, revision, service, service.build().get(), images).ifPresent(action -> {
                    Action earlier = byImage.putIfAbsent(action.subject(), action);
                    if (earlier instanceof Action.BuildImage built
                            && !built.buildHash().equals(((Action.BuildImage) action).buildHash())) {
                        warnings.add("services '" + built.service() + "' and '" + service.name() + "' build "
                                + "different images under one name, " + action.subject() + "; only the first is built");
                    }
                });
            } else if (images.observed()) {
                pull(app, service, images, warnings).ifPresent(action -> byImage.putIfAbsent(action.subject(), action));
            }
        }
        return new ImagePlan(new ArrayList<>(byImage.values()), warnings, images);
    }

    private static Optional<Action> build(String app, String revision, DesiredService service, BuildSpec build,
            ObservedImages images) {
        String hash = SpecHash.ofBuild(build);
        Optional<ObservedImage> current = images.find(service.image());
        if (current.isPresent() && hash.equals(current.get().labels().get(ImageLabels.BUILD_HASH))) {
            return Optional.empty();
        }
        String why = !images.observed() ? "the engine's images were not looked at"
                : current.isEmpty() ? "no image yet" : "the context, Dockerfile or build arguments changed";
        return Optional.of(new Action.BuildImage(app, service.name(), service.image(), build, hash,
                "image built from " + build.contextForDisplay() + " at " + shortId(revision) + " (" + why + ")"));
    }

    private static Optional<Action> pull(String app, DesiredService service, ObservedImages images,
            List<String> warnings) {
        PullPolicy policy = service.runtime().pullPolicy();
        boolean present = images.find(service.image()).isPresent();
        switch (policy) {
            case ALWAYS:
                return Optional.of(new Action.PullImage(app, service.image(),
                        "pull_policy is always: fetch the newest " + service.image()));
            case MISSING:
                return present ? Optional.empty() : Optional.of(new Action.PullImage(app, service.image(),
                        "image " + service.image() + " is not on the engine"));
            case NEVER:
            case BUILD:
            default:
                if (!present) {
                    warnings.add("image " + service.image() + " of service '" + service.name() + "' is not on the "
                            + "engine and pull_policy is " + policy.composeName() + ": its container cannot be created");
                }
                return Optional.empty();
        }
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
