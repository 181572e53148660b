package dev.driftless.manifests.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "nginx", "nginx:1.27", "library/nginx", "ghcr.io/owner/app:v1", "localhost:5000/app",
      "[::1]:5000/app:tag", "my-registry.example.com/a/b/c:1.0-rc_1",
      "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "app__x", "a.b-c_d"})
  void acceptsWhatDockerAccepts(String reference) {
    assertThat(ImageReference.whyInvalid(reference)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "Nginx", "nginx:", ":tag", "nginx::1", "-nginx", "nginx/", "a b", "nginx@sha256:short",
      "nginx:-tag"})
  void refusesWhatDockerRefuses(String reference) {
    assertThat(ImageReference.whyInvalid(reference)).isPresent();
  }
}
