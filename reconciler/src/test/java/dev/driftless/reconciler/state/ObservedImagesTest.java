package dev.driftless.reconciler.state;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Finding an image by the reference a Compose file gives, as the engine would resolve it. */
class ObservedImagesTest {

    @Test
    void writesReferencesInTheEnginesShortFormWithATag() {
        assertThat(ObservedImages.canonical("busybox")).isEqualTo("busybox:latest");
        assertThat(ObservedImages.canonical("docker.io/library/busybox:1.36")).isEqualTo("busybox:1.36");
        assertThat(ObservedImages.canonical("docker.io/acme/web")).isEqualTo("acme/web:latest");
        assertThat(ObservedImages.canonical("localhost:5000/web")).isEqualTo("localhost:5000/web:latest");
        assertThat(ObservedImages.canonical("registry.example/web@sha256:abc")).isEqualTo("registry.example/web@sha256:abc");
    }

    @Test
    void findsAnImageByTagOrDigestButNothingWhenNotObserved() {
        ObservedImage image = new ObservedImage("sha256:1", List.of("busybox:1.36", "busybox@sha256:abc"), Map.of());
        ObservedImages images = ObservedImages.of(List.of(image));

        assertThat(images.find("docker.io/library/busybox:1.36")).hasValue(image);
        assertThat(images.find("busybox@sha256:abc")).hasValue(image);
        assertThat(images.find("busybox")).isEmpty();
        assertThat(ObservedImages.NOT_OBSERVED.find("busybox:1.36")).isEmpty();
        assertThat(ObservedImages.NOT_OBSERVED.observed()).isFalse();
    }
}
