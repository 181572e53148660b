package dev.driftless.manifests.secrets.age;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the decoder: random mutations of valid files (bit flips, truncations,
 * insertions, deletions, duplicated ranges, armor and header edits) must each end in a success
 * or a clean {@link AgeException}, never another exception and never a hang. The seed is fixed so
 * that a failure can be replayed.
 */
class AgeFuzzTest {

  private static final long SEED = 0x5EC2E75L;
  private static final int MUTATIONS = 2_000;
  private static final Duration BUDGET = Duration.ofSeconds(5);

  @Test
  void mutatedFilesEndInSuccessOrAnAgeExceptionAndNeverHang() throws AgeException {
    SecureRandom keys = new SecureRandom();
    X25519Identity alice = X25519Identity.generate(keys);
    HybridIdentity carol = HybridIdentity.generate(keys);
    List<AgeIdentity> identities = List.of(alice, carol, new ScryptIdentity("pw", 4));
    List<byte[]> seeds = List.of(
        Age.encrypt("hello".getBytes(), List.of(alice.recipient())),
        Age.encrypt("hello".getBytes(), List.of(alice.recipient()), true),
        Age.encrypt(new byte[70_000], List.of(alice.recipient(), carol.recipient())),
        Age.encrypt(new byte[300], List.of(carol.recipient()), true),
        Age.encrypt(new byte[10], List.of(new ScryptRecipient("pw", 2))));
    Random random = new Random(SEED);

    int[] outcomes = new int[2];
    assertTimeoutPreemptively(BUDGET.multipliedBy(4), () -> {
      long deadline = System.nanoTime() + BUDGET.toNanos();
      for (int i = 0; i < MUTATIONS && System.nanoTime() < deadline; i++) {
        byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
        try (InputStream in = Age.decryptingStream(new ByteArrayInputStream(mutated),
            identities)) {
          in.readAllBytes();
          outcomes[0]++;
        } catch (AgeException expected) {
          assertThat(expected.getMessage()).isNotBlank();
          outcomes[1]++;
        } catch (Exception | Error e) {
          fail("mutation " + i + " (seed " + SEED + ") threw " + e, e);
        }
      }
    });
    assertThat(outcomes[0] + outcomes[1]).as("mutations tried").isGreaterThan(200);
    assertThat(outcomes[1]).as("mutations refused").isGreaterThan(outcomes[0]);
  }

  private static byte[] mutate(byte[] file, Random random) {
    byte[] out = file.clone();
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      int length = out.length;
      int at = length == 0 ? 0 : random.nextInt(length);
      switch (random.nextInt(7)) {
        case 0 -> {
          if (length > 0) {
            out[at] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> out = Arrays.copyOf(out, at);
        case 2 -> {
          byte[] inserted = new byte[1 + random.nextInt(20)];
          random.nextBytes(inserted);
          out = splice(out, at, 0, inserted);
        }
        case 3 -> out = splice(out, at, Math.min(length - at, 1 + random.nextInt(64)), new byte[0]);
        case 4 -> {
          int span = Math.min(length - at, 1 + random.nextInt(100));
          out = splice(out, at, 0, Arrays.copyOfRange(out, at, at + span));
        }
        case 5 -> {
          byte[] special = {'\n', '\r', ' ', '-', '=', '>', 0, (byte) 0xff};
          if (length > 0) {
            out[at] = special[random.nextInt(special.length)];
          }
        }
        default -> {
          if (length > 0) {
            out[at] = (byte) random.nextInt(256);
          }
        }
      }
    }
    return out;
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    byte[] out = new byte[in.length - remove + insert.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(in, at + remove, out, at + insert.length, in.length - at - remove);
    return out;
  }
}
