package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.BuildSpec;
import java.util.Optional;

/**
 * The build's part of the spec hash: what decides the image built, so that a container is
 * recreated exactly when its image would differ. That is the context's files (their fingerprint,
 * not the folder's name), the Dockerfile, the build arguments, the target stage and the image
 * labels, which the container inherits. The network, {@code /dev/shm} size, extra hosts and cache
 * sources only help the build run; they are left out. A service without {@code build:} writes
 * nothing, so it keeps its earlier hash.
 */
final class BuildHashing {

  private BuildHashing() {}

  static void write(FieldSink fields, Optional<BuildSpec> build) {
    if (build.isEmpty()) {
      return;
    }
    BuildSpec spec = build.get();
    // Everything below is one field: a build's inputs count together, as the image they make.
    CanonicalDigest out = fields.to("build").text(spec.contextDigest());
    if (spec.dockerfileInline().isPresent()) {
      out.text("dockerfile_inline").text(spec.dockerfileInline().get());
    } else {
      out.text("dockerfile").text(spec.dockerfile());
    }
    out.text("args");
    out.map(spec.args());
    out.text("target").text(spec.target());
    out.text("build-labels");
    out.map(spec.labels());
  }
}
