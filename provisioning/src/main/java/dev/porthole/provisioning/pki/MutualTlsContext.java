package dev.porthole.provisioning.pki;

import java.security.GeneralSecurityException;
import java.security.Provider;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.TrustManager;

/**
 * A JDK TLS client context (the platform's own {@code TLS} implementation, unchanged) that also remembers the key
 * and trust managers it was initialised with. Socket-based MQTT clients use it as any {@link SSLContext}; clients
 * that build their own TLS engine from key and trust managers (the Netty-based HiveMQ client) read them with
 * {@link #keyManagers()} and {@link #trustManagers()}, so one device identity serves both. Made by
 * {@link TlsContexts#clientContext}.
 */
public final class MutualTlsContext extends SSLContext {

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;

    private MutualTlsContext(SSLContextSpi spi, Provider provider, String protocol, KeyManager[] keyManagers,
                             TrustManager[] trustManagers) {
        super(spi, provider, protocol);
        this.keyManagers = keyManagers.clone();
        this.trustManagers = trustManagers.clone();
    }

    /** A TLS context from the default provider, initialised with {@code keyManagers} and {@code trustManagers}. */
    static MutualTlsContext create(KeyManager[] keyManagers, TrustManager[] trustManagers)
            throws GeneralSecurityException {
        Provider provider = SSLContext.getInstance("TLS").getProvider();
        Provider.Service service = provider.getService("SSLContext", "TLS");
        if (service == null) {
            throw new GeneralSecurityException("provider " + provider.getName() + " has no SSLContext.TLS service");
        }
        SSLContextSpi spi = (SSLContextSpi) service.newInstance(null);
        MutualTlsContext ctx = new MutualTlsContext(spi, provider, "TLS", keyManagers, trustManagers);
        ctx.init(keyManagers, trustManagers, null);
        return ctx;
    }

    /** The key managers that present the client certificate (a copy of the array). */
    public KeyManager[] keyManagers() {
        return keyManagers.clone();
    }

    /** The trust managers that judge the broker's certificate (a copy of the array). */
    public TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    @Override
    public String toString() {
        return "MutualTlsContext[" + (keyManagers.length == 0 ? "no client certificate" : keyManagers[0]) + "]";
    }
}
