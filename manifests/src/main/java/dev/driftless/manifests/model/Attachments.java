package dev.driftless.manifests.model;

/**
 * What a service's containers are attached to: the networks it joins (with aliases and static
 * addresses) and the volumes, bind mounts and tmpfs it mounts.
 *
 * <p>{@link #NONE} is Compose's default: the app's default network only and no mounts. It is not
 * part of the spec hash, so services that attach nothing keep their earlier hash.
 */
public record Attachments() {

  /** The app's default network, no mounts. */
  public static final Attachments NONE = new Attachments();
}
