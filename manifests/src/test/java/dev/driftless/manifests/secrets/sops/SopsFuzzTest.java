package dev.driftless.manifests.secrets.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.driftless.manifests.secrets.SharedFixtures;
import dev.driftless.manifests.secrets.age.AgeKeys;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of SOPS decryption: random mutations of the real documents (every store) must
 * end in a result or a clean {@link SopsException}, never another exception and never a hang.
 */
class SopsFuzzTest {

  private static final long SEED = 0x50F5L;
  private static final int MUTATIONS = 2_000;
  private static final Duration BUDGET = Duration.ofSeconds(5);
  private static final List<String> FILES = List.of("getsops-sops/example.yaml",
      "getsops-sops/example.json", "getsops-sops/example.ini", "getsops-sops/example.txt",
      "kustomize-controller/envs/env.env");

  @Test
  void mutatedDocumentsEndInAResultOrASopsExceptionAndNeverHang() throws Exception {
    SopsDecryptor decryptor = new SopsDecryptor(List.of(
        AgeKeys.parseIdentities(SharedFixtures.text("sops/getsops-sops/keys.txt")).get(0),
        AgeKeys.parseIdentities(SharedFixtures.text("sops/kustomize-controller/keys/age.txt"))
            .get(0)));
    List<byte[]> documents = FILES.stream().map(file -> SharedFixtures.bytes("sops/" + file))
        .toList();
    Random random = new Random(SEED);
    int[] outcomes = new int[2];

    assertTimeoutPreemptively(BUDGET.multipliedBy(4), () -> {
      long deadline = System.nanoTime() + BUDGET.toNanos();
      for (int i = 0; i < MUTATIONS && System.nanoTime() < deadline; i++) {
        int which = random.nextInt(FILES.size());
        byte[] mutated = mutate(documents.get(which), random);
        try {
          decryptor.decrypt(FILES.get(which), mutated);
          outcomes[0]++;
        } catch (SopsException expected) {
          assertThat(expected.getMessage()).startsWith(FILES.get(which) + ": ");
          outcomes[1]++;
        } catch (Exception | Error e) {
          fail("mutation " + i + " of " + FILES.get(which) + " (seed " + SEED + ") threw " + e, e);
        }
      }
    });
    assertThat(outcomes[0] + outcomes[1]).as("mutations tried").isGreaterThan(200);
    assertThat(outcomes[1]).as("mutations refused").isGreaterThan(outcomes[0]);
  }

  private static byte[] mutate(byte[] file, Random random) {
    byte[] out = file.clone();
    byte[] special = {'\n', ' ', ':', '-', '[', ']', '{', '}', '"', '\'', '#', ';', '=', '&', '*',
        '!', '|', '>', ',', '\\', '_', 'x', '0', (byte) 0xc3};
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      int at = out.length == 0 ? 0 : random.nextInt(out.length);
      switch (random.nextInt(6)) {
        case 0 -> {
          if (out.length > 0) {
            out[at] = special[random.nextInt(special.length)];
          }
        }
        case 1 -> out = Arrays.copyOf(out, at);
        case 2 -> out = splice(out, at, 0, new byte[] {special[random.nextInt(special.length)]});
        case 3 -> out = splice(out, at, Math.min(out.length - at, 1 + random.nextInt(40)),
            new byte[0]);
        case 4 -> {
          int span = Math.min(out.length - at, 1 + random.nextInt(80));
          out = splice(out, random.nextInt(out.length + 1 - span), 0,
              Arrays.copyOfRange(out, at, at + span));
        }
        default -> {
          if (out.length > 0) {
            out[at] ^= (byte) (1 << random.nextInt(8));
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
