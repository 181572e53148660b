package dev.driftless.reconciler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.driftless.manifests.layout.RepoTree;
import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.reconciler.plan.Action;
import dev.driftless.reconciler.state.ImageLabels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The image steps of a plan on one engine: build from the revision's files, pull from a registry,
 * and make sure a container's image is there before it is created, as its {@code pull_policy} allows.
 */
final class ImageSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ImageSteps.class);
    private static final long BUILD_MINUTES = 30;
    private static final long PULL_MINUTES = 10;
    private static final int ERROR_LINES = 15;

    private final DockerClient client;
    private final BuildLogs logs;

    ImageSteps(DockerClient client, BuildLogs logs) {
        this.client = client;
        this.logs = logs;
    }

    /**
     * Builds {@code build.image()} from {@code tree}, tagged with that name and labelled with the
     * app, service, revision and build fingerprint; a failure names the step and the log's last lines.
     */
    void build(Action.BuildImage build, String revision, RepoTree tree) {
        BuildSpec spec = build.build();
        BuildContextTar.Context context = BuildContextTar.of(tree, spec);
        BuildImageCmd command = client.buildImageCmd()
                .withTarInputStream(new ByteArrayInputStream(context.tar()))
                .withDockerfilePath(context.dockerfile())
                .withTags(Set.of(build.image()))
                .withLabels(ImageLabels.forBuild(spec.labels(), build.app(), build.service(), revision,
                        build.buildHash()))
                .withPull(false)
                .withRemove(true)
                .withForcerm(true);
        spec.args().forEach(command::withBuildArg);
        if (!spec.target().isEmpty()) {
            command.withTarget(spec.target());
        }
        if (!spec.network().isEmpty()) {
            command.withNetworkMode(spec.network());
        }
        if (spec.shmSize() > 0) {
            command.withShmsize(spec.shmSize());
        }
        if (!spec.extraHosts().isEmpty()) {
            command.withExtraHosts(new HashSet<>(spec.extraHosts()));
        }
        if (!spec.cacheFrom().isEmpty()) {
            command.withCacheFrom(new HashSet<>(spec.cacheFrom()));
        }
        BuildOutput output = new BuildOutput(spec.args().values());
        try {
            command.exec(output).awaitCompletion(BUILD_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("interrupted while building " + build.image(), e);
        } catch (RuntimeException e) {
            output.failed(DockerEngine.rootMessage(e));
        } finally {
            keepLog(build, revision, output);
        }
        if (output.error().isPresent()) {
            throw new DockerEngineException("building image " + build.image() + " from " + spec.contextForDisplay()
                    + " failed" + (output.step().isEmpty() ? "" : " at '" + output.step() + "'") + ": "
                    + output.error().get() + "\nlast lines of the build log:\n" + output.tail(ERROR_LINES), null);
        }
        LOG.info("built {} from {} at {}", build.image(), spec.contextForDisplay(), revision);
    }

    private void keepLog(Action.BuildImage build, String revision, BuildOutput output) {
        try {
            logs.keep(build.app(), build.service(), revision, output.log());
        } catch (RuntimeException e) {
            LOG.warn("could not keep the build log of {}/{}: {}", build.app(), build.service(), e.getMessage());
        }
    }

    /** Pulls {@code image}, then checks the engine has it. */
    void pull(String image) {
        try {
            client.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_MINUTES, TimeUnit.MINUTES);
            client.inspectImageCmd(image).exec();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerEngineException("interrupted while pulling " + image, e);
        } catch (DockerException | IllegalStateException e) {
            throw new DockerEngineException("image " + image + " could not be pulled: " + DockerEngine.rootMessage(e), e);
        }
    }

    /**
     * Makes sure the engine has the image a container of {@code service} is created from: a
     * missing image is pulled, unless the service's policy forbids it or Driftless builds it.
     *
     * @return whether it was missing and has now been pulled
     */
    boolean ensure(DesiredService service) {
        String image = service.image();
        try {
            client.inspectImageCmd(image).exec();
            return false;
        } catch (NotFoundException absent) {
            LOG.debug("image {} is not on the engine", image);
        }
        PullPolicy policy = service.runtime().pullPolicy();
        if (service.build().isPresent() || policy == PullPolicy.NEVER || policy == PullPolicy.BUILD) {
            throw new DockerEngineException("image " + image + " is not on the engine and "
                    + (service.build().isPresent() ? "is built by Driftless, but its build did not run"
                            : "pull_policy is " + policy.composeName() + ": load or build it on the engine first"),
                    null);
        }
        LOG.info("pulling {}", image);
        pull(image);
        return true;
    }
}
