package dev.driftless.reconciler.keys;

import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.secrets.age.X25519Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentitiesTest {

    @TempDir
    Path temp;

    private final X25519Identity configured = X25519Identity.generate(new SecureRandom());
    private final X25519Identity fromEnvironment = X25519Identity.generate(new SecureRandom());

    @Test
    void theConfiguredFileWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(temp.resolve("age.key"), configured.encode() + "\n");

        DecryptionKeys keys = Identities.forRendering(Optional.of(file),
                Map.of(Identities.KEY, fromEnvironment.encode())::get);

        assertThat(keys.identities()).containsExactly(configured);
        assertThat(keys.source()).isEqualTo(file.toString());
    }

    @Test
    void theEnvironmentIsReadInOrderAndTheSopsNamesAreAccepted() throws Exception {
        DecryptionKeys sops = Identities.forRendering(Optional.empty(),
                Map.of(Identities.SOPS_KEY, fromEnvironment.encode())::get);
        DecryptionKeys none = Identities.forRendering(Optional.empty(), Map.<String, String>of()::get);

        assertThat(sops.identities()).containsExactly(fromEnvironment);
        assertThat(sops.source()).isEqualTo("$SOPS_AGE_KEY");
        assertThat(none.isEmpty()).isTrue();
    }

    @Test
    void aKeyThatCannotBeReadNamesItsFileAndNeverItsContent() throws Exception {
        Path broken = Files.writeString(temp.resolve("broken.key"), "AGE-SECRET-KEY-1NOTAKEY\n");

        assertThatThrownBy(() -> Identities.forRendering(Optional.of(temp.resolve("missing.key")), name -> null))
                .hasMessageContaining("missing.key").hasMessageContaining("no such identity file");
        assertThatThrownBy(() -> Identities.forRendering(Optional.of(broken), name -> null))
                .hasMessageContaining("broken.key").hasMessageNotContaining("NOTAKEY");
    }
}
