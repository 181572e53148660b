package dev.driftless.reconciler.docker;

import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.core.util.CertificateUtils;
import dev.driftless.manifests.config.TargetConfig;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;

/**
 * The TLS a {@code tcp://} target is reached with, from the three files {@code driftless.yaml}
 * names (as {@code docker --tlsverify --tlscacert --tlscert --tlskey} takes them) rather than the
 * one folder docker-java's own configuration expects. The engine must present a certificate the
 * CA signed; Driftless presents the client certificate. Errors name the file, never its content.
 */
final class TlsFilesSslConfig implements SSLConfig {

    private final TargetConfig.TlsFiles files;

    TlsFilesSslConfig(TargetConfig.TlsFiles files) {
        this.files = files;
    }

    @Override
    public SSLContext getSSLContext() {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            // docker-java's PEM reading asks for the "BC" provider by name; added last, it
            // replaces none of the JDK's own.
            Security.addProvider(new BouncyCastleProvider());
        }
        try {
            KeyStore keys = CertificateUtils.createKeyStore(read(files.key(), "tls.key"), read(files.cert(), "tls.cert"));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "docker".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(CertificateUtils.createTrustStore(read(files.ca(), "tls.ca")));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new DockerEngineException("cannot use the TLS files " + files.ca() + ", " + files.cert() + ", "
                    + files.key() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static String read(String file, String field) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new DockerEngineException(field + ": cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
