package dev.driftless.benchmarks;

import dev.driftless.manifests.compose.EnvValues;
import dev.driftless.manifests.envfile.EnvFileLoader;
import dev.driftless.manifests.secrets.DecryptionKeys;
import dev.driftless.manifests.secrets.age.Age;
import dev.driftless.manifests.secrets.age.X25519Identity;
import dev.driftless.manifests.secrets.sops.SopsDecryptor;
import dev.driftless.manifests.secrets.sops.SopsDocument;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decrypting secrets as a render does: a 1 MiB age file (binary and armored), and a SOPS dotenv
 * document of 200 values, both raw and through {@link EnvFileLoader} (decrypt + parse + mark).
 *
 * <p>No {@code sops} binary is available here, so the SOPS document is written by
 * {@link #sopsDotenv} in the format the real {@code sops} writes (compare
 * {@code ../shared/fixtures/sops/doco-cd/encrypted.env}): each value AES-256-GCM under a random
 * data key with its path {@code KEY:} as additional data, the data key age-encrypted (armored) in
 * {@code sops_age__list_0__map_enc}, and {@code sops_mac} the encrypted upper-case hex SHA-512 of
 * the values in order, with {@code sops_lastmodified} as additional data. The set-up decrypts it
 * once with the real decryptor, which checks the MAC, so a wrong document fails the run.
 *
 * <p>Run: {@code mvn -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar SecretsBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SecretsBenchmark {

    private static final int VALUES = 200;
    private static final String LAST_MODIFIED = "2025-06-28T18:23:43Z";

    private final SecureRandom random = new SecureRandom();
    private List<X25519Identity> identities;
    private byte[] ageBinary;
    private byte[] ageArmored;
    private byte[] sops;
    private EnvFileLoader loader;
    private SopsDecryptor sopsDecryptor;

    @Setup
    public void setUp() throws Exception {
        X25519Identity identity = X25519Identity.generate(random);
        identities = List.of(identity);
        byte[] plaintext = new byte[1 << 20];
        random.nextBytes(plaintext);
        ageBinary = Age.encrypt(plaintext, List.of(identity.recipient()), false);
        ageArmored = Age.encrypt(plaintext, List.of(identity.recipient()), true);
        sops = sopsDotenv(identity);
        loader = new EnvFileLoader(DecryptionKeys.of(identities, "benchmark"));
        sopsDecryptor = new SopsDecryptor(identities);
        EnvValues check = loader.load("secrets.env", sops);
        if (check.variables().size() != VALUES || check.secretKeys().size() != VALUES) {
            throw new IllegalStateException("the SOPS document did not decrypt to " + VALUES + " values");
        }
    }

    @Benchmark
    public byte[] age1MiBBinary() throws Exception {
        return Age.decrypt(ageBinary, identities);
    }

    @Benchmark
    public byte[] age1MiBArmored() throws Exception {
        return Age.decrypt(ageArmored, identities);
    }

    @Benchmark
    public SopsDocument sopsDotenv200Values() throws Exception {
        return sopsDecryptor.decrypt("secrets.env", sops);
    }

    @Benchmark
    public EnvValues envFileLoaderSopsDotenv200Values() throws Exception {
        return loader.load("secrets.env", sops);
    }

    /** A SOPS dotenv document of {@value #VALUES} values, as {@code sops} writes one. */
    private byte[] sopsDotenv(X25519Identity identity) throws Exception {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        StringBuilder out = new StringBuilder();
        MessageDigest mac = MessageDigest.getInstance("SHA-512");
        for (int i = 0; i < VALUES; i++) {
            String key = "SECRET_" + i;
            String value = "value-" + i + "-" + HexFormat.of().formatHex(random.generateSeed(12));
            mac.update(value.getBytes(StandardCharsets.UTF_8));
            out.append(key).append('=').append(enc(dataKey, value, key + ":")).append('\n');
        }
        String wrapped = new String(Age.encrypt(dataKey, List.of(identity.recipient()), true),
                StandardCharsets.US_ASCII);
        out.append("sops_age__list_0__map_enc=").append(wrapped.replace("\n", "\\n")).append('\n');
        out.append("sops_age__list_0__map_recipient=").append(identity.recipient()).append('\n');
        out.append("sops_lastmodified=").append(LAST_MODIFIED).append('\n');
        out.append("sops_mac=").append(enc(dataKey,
                HexFormat.of().withUpperCase().formatHex(mac.digest()), LAST_MODIFIED)).append('\n');
        out.append("sops_unencrypted_suffix=_unencrypted\nsops_version=3.9.0\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String enc(byte[] key, String plaintext, String additionalData) throws Exception {
        byte[] iv = new byte[32];
        random.nextBytes(iv);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), 128, iv,
                additionalData.getBytes(StandardCharsets.UTF_8)));
        byte[] in = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] sealed = new byte[gcm.getOutputSize(in.length)];
        gcm.doFinal(sealed, gcm.processBytes(in, 0, in.length, sealed, 0));
        Base64.Encoder b64 = Base64.getEncoder();
        return "ENC[AES256_GCM,data:" + b64.encodeToString(Arrays.copyOf(sealed, in.length))
                + ",iv:" + b64.encodeToString(iv) + ",tag:"
                + b64.encodeToString(Arrays.copyOfRange(sealed, in.length, sealed.length)) + ",type:str]";
    }
}
