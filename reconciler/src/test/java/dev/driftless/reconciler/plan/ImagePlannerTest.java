package dev.driftless.reconciler.plan;

import dev.driftless.manifests.hash.SpecHash;
import dev.driftless.manifests.model.Attachments;
import dev.driftless.manifests.model.BuildSpec;
import dev.driftless.manifests.model.DesiredApp;
import dev.driftless.manifests.model.DesiredService;
import dev.driftless.manifests.model.PullPolicy;
import dev.driftless.manifests.model.RuntimeOptions;
import dev.driftless.reconciler.state.ContainerState;
import dev.driftless.reconciler.state.ImageLabels;
import dev.driftless.reconciler.state.ObservedApp;
import dev.driftless.reconciler.state.ObservedContainer;
import dev.driftless.reconciler.state.ObservedImage;
import dev.driftless.reconciler.state.ObservedImages;
import dev.driftless.reconciler.state.OwnershipLabels;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The image decisions of a plan: build, pull per pull_policy, and a tag that moved. */
class ImagePlannerTest {

    private static final String APP = "shop";
    private static final String REVISION = "0123456789abcdef0123";
    private static final String OLD_ID = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private static final String NEW_ID = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private static final BuildSpec BUILD = BuildSpec.of("shop/web", "a".repeat(64));

    @Nested
    class ABuiltService {

        private final DesiredService web = built(BUILD);

        @Test
        void isBuiltBeforeAnythingElseWhenItsImageIsMissing() {
            Plan plan = plan(web, ObservedApp.empty(APP), images());

            assertThat(plan.actions()).extracting(Action::verb, Action::subject).containsExactly(
                    tuple("build-image", "shop-web"),
                    tuple("create-network", "shop_default"),
                    tuple("create", "shop-web-1"));
            Action.BuildImage build = (Action.BuildImage) plan.actions().get(0);
            assertThat(build.reason()).isEqualTo("image built from shop/web at 0123456789ab (no image yet)");
            assertThat(build.buildHash()).isEqualTo(SpecHash.ofBuild(BUILD));
            assertThat(plan.waves().get(0).actions()).containsExactly(build);
        }

        @Test
        void isNotBuiltAgainWhenTheImageCarriesTheSameBuildHash() {
            ObservedApp observed = observed(running(web, NEW_ID));

            Plan plan = plan(web, observed, images(builtImage(NEW_ID, SpecHash.ofBuild(BUILD))));

            assertThat(plan.isEmpty()).as(plan.toString()).isTrue();
        }

        @Test
        void isRebuiltAndRecreatedWhenAFileOfItsContextChanged() {
            DesiredService changed = built(BuildSpec.of("shop/web", "b".repeat(64)));
            ObservedApp observed = observed(running(web, OLD_ID));

            Plan plan = plan(changed, observed, images(builtImage(OLD_ID, SpecHash.ofBuild(BUILD))));

            assertThat(plan.actions()).extracting(Action::verb).containsExactly("build-image", "replace");
            assertThat(plan.actions().get(0).reason()).endsWith("(the context, Dockerfile or build arguments changed)");
        }

        @Test
        void isNeverPulledWhateverThePolicy() {
            DesiredService always = new DesiredService("web", "shop-web", List.of(), Map.of(), List.of(), Map.of(),
                    RuntimeOptions.builder().pullPolicy(PullPolicy.ALWAYS).build(), Attachments.NONE, Optional.of(BUILD));

            Plan plan = plan(always, observed(running(always, NEW_ID)),
                    images(builtImage(NEW_ID, SpecHash.ofBuild(BUILD))));

            assertThat(plan.isEmpty()).as(plan.toString()).isTrue();
        }

        @Test
        void isBuiltWhenTheImagesWereNotObserved() {
            Plan plan = plan(web, ObservedApp.empty(APP), ObservedImages.NOT_OBSERVED);

            assertThat(plan.actions().get(0).reason()).endsWith("(the engine's images were not looked at)");
        }
    }

    @Nested
    class APulledService {

        @ParameterizedTest
        @EnumSource(value = PullPolicy.class, names = {"MISSING"})
        void isPulledOnlyWhenTheEngineLacksIt(PullPolicy policy) {
            DesiredService web = pulled("nginx:1.27", policy);

            assertThat(plan(web, ObservedApp.empty(APP), images()).actions())
                    .extracting(Action::verb, Action::reason)
                    .startsWith(tuple("pull-image", "image nginx:1.27 is not on the engine"));
            assertThat(plan(web, observed(running(web, OLD_ID)), images(image(OLD_ID, "nginx:1.27"))).isEmpty())
                    .isTrue();
        }

        @Test
        void withPolicyAlwaysIsPulledOnEveryReconcile() {
            DesiredService web = pulled("nginx:1.27", PullPolicy.ALWAYS);

            Plan plan = plan(web, observed(running(web, OLD_ID)), images(image(OLD_ID, "nginx:1.27")));

            assertThat(plan.actions()).extracting(Action::verb, Action::reason).containsExactly(
                    tuple("pull-image", "pull_policy is always: fetch the newest nginx:1.27"));
        }

        @ParameterizedTest
        @EnumSource(value = PullPolicy.class, names = {"NEVER", "BUILD"})
        void withPolicyNeverOrBuildIsNeverPulledAndAMissingImageIsAWarning(PullPolicy policy) {
            DesiredService web = pulled("nginx:1.27", policy);

            Plan plan = plan(web, ObservedApp.empty(APP), images());

            assertThat(plan.actions()).extracting(Action::verb).doesNotContain("pull-image");
            assertThat(plan.warnings()).containsExactly("image nginx:1.27 of service 'web' is not on the engine and "
                    + "pull_policy is " + policy.composeName() + ": its container cannot be created");
        }

        @Test
        void isRecreatedWhenItsTagMovedToAnotherImage() {
            DesiredService web = pulled("nginx:1.27", PullPolicy.NEVER);

            Plan plan = plan(web, observed(running(web, OLD_ID)), images(image(NEW_ID, "docker.io/library/nginx:1.27")));

            assertThat(plan.actions()).extracting(Action::verb, Action::reason).containsExactly(tuple("replace",
                    "tag moved: digest changed (nginx:1.27 is now image 222222222222, the container runs 111111111111)"));
        }

        @Test
        void isLeftAloneWhenTheImagesWereNotObserved() {
            DesiredService web = pulled("nginx:1.27", PullPolicy.ALWAYS);

            assertThat(plan(web, observed(running(web, OLD_ID)), ObservedImages.NOT_OBSERVED).isEmpty()).isTrue();
        }

        @Test
        void isPulledOnceWhenSeveralServicesShareTheImage() {
            DesiredService web = pulled("nginx:1.27", PullPolicy.MISSING);
            DesiredService api = new DesiredService("api", "nginx:1.27", List.of(), Map.of(), List.of(), Map.of());
            ObservedApp empty = new ObservedApp(APP, List.of(), List.of(), List.of(), Set.of(), Set.of(), images());

            Plan plan = Planner.plan(new DesiredApp(APP, List.of(web, api)), REVISION, empty, PlanPolicy.defaults());

            assertThat(plan.actions()).filteredOn(action -> action instanceof Action.PullImage).hasSize(1);
        }
    }

    private static Plan plan(DesiredService service, ObservedApp observed, ObservedImages images) {
        return plan(service, new ObservedApp(APP, observed.containers(), observed.networks(), observed.volumes(),
                observed.engineNetworks(), observed.engineVolumes(), images));
    }

    private static Plan plan(DesiredService service, ObservedApp observed) {
        return Planner.plan(new DesiredApp(APP, List.of(service)), REVISION, observed, PlanPolicy.defaults());
    }

    private static DesiredService built(BuildSpec build) {
        return new DesiredService("web", "shop-web", List.of(), Map.of(), List.of(), Map.of(), RuntimeOptions.NONE,
                Attachments.NONE, Optional.of(build));
    }

    private static DesiredService pulled(String image, PullPolicy policy) {
        return new DesiredService("web", image, List.of(), Map.of(), List.of(), Map.of(), RuntimeOptions.builder().pullPolicy(policy).build(),
                Attachments.NONE);
    }

    private static ObservedImages images(ObservedImage... images) {
        return ObservedImages.of(List.of(images));
    }

    private static ObservedImage image(String id, String reference) {
        return new ObservedImage(id, List.of(reference), Map.of());
    }

    private static ObservedImage builtImage(String id, String buildHash) {
        return new ObservedImage(id, List.of("shop-web:latest"), Map.of(ImageLabels.BUILD_HASH, buildHash));
    }

    private static ObservedApp observed(ObservedContainer container) {
        return new ObservedApp(APP, List.of(container), List.of("shop_default"));
    }

    private static ObservedContainer running(DesiredService service, String imageId) {
        String hash = SpecHash.of(service);
        return new ObservedContainer("id-web", "shop-web-1", APP, "web", 1, hash, REVISION, ContainerState.RUNNING,
                OwnershipLabels.forContainer(APP, service, 1, REVISION, hash), imageId);
    }
}
