package dev.driftless.manifests.hash;

import dev.driftless.manifests.model.DesiredService;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of each field of a service, so that a plan can say which fields changed since a
 * container was created ("environment FOO changed") rather than only that its {@link SpecHash}
 * did. Stored on the container beside the spec hash; it decides nothing: only the spec hash
 * decides whether a container is replaced.
 *
 * <p>Fields are named as Compose names them: {@code image}, {@code command},
 * {@code environment.NAME} (one per variable), {@code ports}, {@code labels.KEY} (one per label),
 * each runtime option ({@code entrypoint}, {@code healthcheck}, {@code restart}, {@code user},
 * {@code cpus}, {@code mem_limit}, ...), {@code network_mode}, {@code networks}, {@code volumes},
 * {@code tmpfs} and {@code build}. A field at its default is absent, as it is from the spec hash.
 * Each value is the first {@value #LENGTH} hex characters of the SHA-256 of the field's part of
 * the spec hash's serialisation: enough to tell a change, too short to be worth guessing from.
 * A secret variable is fingerprinted from its keyed digest, never from its value.
 *
 * <p>Versioned like the spec hash ({@link #VERSION}): fingerprints of different versions must
 * not be compared, since every field would look changed.
 */
public final class SpecFields {

  /** The version of the fingerprints; change it with any change to what they cover. */
  public static final String VERSION = "v1";

  /** Hex characters in each fingerprint. */
  public static final int LENGTH = 8;

  private SpecFields() {}

  /** Field name to fingerprint, sorted by name. */
  public static Map<String, String> of(DesiredService service) {
    Map<String, CanonicalDigest> fields = new TreeMap<>();
    FieldSink sink = (hashedName, composeName) -> {
      CanonicalDigest field = new CanonicalDigest().text(hashedName);
      if (fields.put(composeName, field) != null) {
        throw new IllegalStateException("field " + composeName + " written twice");
      }
      return field;
    };
    SpecHash.writeImageAndCommand(sink, service);
    service.environment().forEach((name, value) -> {
      String digest = service.secretDigests().get(name);
      CanonicalDigest field = sink.to("environment." + name).text(digest == null ? value : digest);
      if (digest != null) {
        // A digest never stands for a plain value that happens to look like one.
        field.text("secret");
      }
    });
    SpecHash.writePorts(sink, service);
    service.labels().forEach((key, value) -> sink.to("labels." + key).text(value));
    SpecHash.writeOptions(sink, service);
    Map<String, String> fingerprints = new TreeMap<>();
    fields.forEach((name, field) -> fingerprints.put(name, field.hex().substring(0, LENGTH)));
    return Collections.unmodifiableMap(fingerprints);
  }

  /** The fingerprint {@link #of} gives the {@code image} field of a service with this image. */
  public static String ofImage(String image) {
    return new CanonicalDigest().text("image").text(image).hex().substring(0, LENGTH);
  }
}
