package dev.porthole.provisioning.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.ProvisioningException.Kind;

/** TLS contexts for mutual TLS with the broker: present one key and chain, trust only the given CAs. */
public final class TlsContexts {

    private TlsContexts() {}

    /**
     * A TLS client context presenting {@code key} with {@code chain} (leaf first) and trusting only
     * {@code trusted} (the broker's CA; never the system trust store). The context is a {@link MutualTlsContext}, so
     * MQTT clients that need the key and trust managers themselves can have them.
     */
    public static SSLContext clientContext(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted) {
        if (chain.isEmpty()) {
            throw new ProvisioningException(Kind.USAGE, "client certificate chain is empty");
        }
        if (trusted.isEmpty()) {
            throw new ProvisioningException(Kind.USAGE, "no trusted CA certificate for the broker");
        }
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                ts.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            return MutualTlsContext.create(new javax.net.ssl.KeyManager[] {new FixedKeyManager(key, chain)},
                    tmf.getTrustManagers());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new ProvisioningException(Kind.CRYPTO, "cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** Presents one key and chain whatever the server asks for (the broker judges it). */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "device";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain.toArray(X509Certificate[]::new);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String toString() {
            return "FixedKeyManager[" + chain[0].getSubjectX500Principal() + "]";
        }
    }
}
