package dev.porthole.rdp.netty.tls;

import javax.net.ssl.SSLException;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

/**
 * The TLS layer of Enhanced RDP Security (MS-RDPBCGR 5.4.5.1): the client context, TLS 1.3 and 1.2
 * only, and the mapping of handshake failures to {@link RdpException}s.
 */
public final class TlsUpgrade {

    private TlsUpgrade() {}

    /** A client context that verifies the server with {@code trust}. */
    public static SslContext clientContext(CertificateTrust trust) {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust.trustManager())
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new RdpException(RdpException.Kind.TRUST, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A handshake failure as a TRUST error; a pin mismatch keeps its message, which shows both
     * fingerprints.
     */
    public static RdpException failure(String peer, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateTrust.CertificateMismatchException m) {
                return new RdpException(RdpException.Kind.TRUST, peer + ": " + m.getMessage(), cause);
            }
        }
        return new RdpException(RdpException.Kind.TRUST, peer + ": TLS handshake failed: " + cause.getMessage(), cause);
    }
}
