package dev.porthole.rdp.netty.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.tinylog.Logger;

/**
 * How the RDP server's TLS certificate is verified. Never blindly accepted: the default is the
 * system trust store; a configured CA or a pinned SHA-256 fingerprint may replace it; accepting any
 * certificate exists only as a loudly-logged lab switch.
 */
public sealed interface CertificateTrust {

    /** The trust manager that enforces this policy. */
    X509TrustManager trustManager();

    /** Short description for logs and errors. */
    String describe();

    /** The JDK's default trust store (the system CAs). */
    static CertificateTrust systemTrustStore() {
        return new SystemTrustStore();
    }

    /** Only certificates chaining to one of {@code anchors}. */
    static CertificateTrust customAuthorities(List<X509Certificate> anchors) {
        return new CustomAuthorities(List.copyOf(anchors));
    }

    /** Only the certificate whose DER SHA-256 is {@code sha256Hex} (hex, separators and case ignored). */
    static CertificateTrust pinned(String sha256Hex) {
        return new Pinned(normalize(sha256Hex));
    }

    /** Lab only: accepts any certificate and logs a warning for each connection. */
    static CertificateTrust acceptAnyLabOnly() {
        return new AcceptAny();
    }

    /** SHA-256 of the DER certificate, lower-case hex. */
    static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String normalize(String hex) {
        String h = hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("pinned fingerprint must be 64 hex digits (SHA-256), got '" + hex + "'");
        }
        return h;
    }

    private static X509TrustManager fromKeyStore(KeyStore ks) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509TrustManager available");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot initialise trust manager", e);
        }
    }

    /** Base for the policies: client-side checks only. */
    abstract class ServerOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not verified by an RDP client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The system trust store. */
    record SystemTrustStore() implements CertificateTrust {
        @Override
        public X509TrustManager trustManager() {
            return fromKeyStore(null);
        }

        @Override
        public String describe() {
            return "system trust store";
        }
    }

    /** Configured certificate authorities. */
    record CustomAuthorities(List<X509Certificate> anchors) implements CertificateTrust {
        @Override
        public X509TrustManager trustManager() {
            try {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                for (X509Certificate a : anchors) {
                    ks.setCertificateEntry("anchor-" + i++, a);
                }
                return fromKeyStore(ks);
            } catch (GeneralSecurityException | java.io.IOException e) {
                throw new IllegalStateException("cannot build trust store from configured CAs", e);
            }
        }

        @Override
        public String describe() {
            return anchors.size() + " configured CA certificate(s)";
        }
    }

    /** A pinned leaf certificate fingerprint. */
    record Pinned(String expectedSha256) implements CertificateTrust {
        @Override
        public X509TrustManager trustManager() {
            return new ServerOnly() {
                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    if (chain == null || chain.length == 0) {
                        throw new CertificateException("server presented no certificate");
                    }
                    String actual = CertificateTrust.sha256(chain[0]);
                    if (!actual.equals(expectedSha256)) {
                        throw new CertificateMismatchException(expectedSha256, actual);
                    }
                }
            };
        }

        @Override
        public String describe() {
            return "pinned SHA-256 " + expectedSha256;
        }
    }

    /** Lab switch: accepts anything, warns every time. */
    record AcceptAny() implements CertificateTrust {
        @Override
        public X509TrustManager trustManager() {
            return new ServerOnly() {
                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    Logger.tag("rdp").warn("tls certificate NOT VERIFIED (lab-only accept-any switch) sha256={}",
                            chain == null || chain.length == 0 ? "none" : sha256(chain[0]));
                }
            };
        }

        @Override
        public String describe() {
            return "ANY certificate (lab only, unverified)";
        }
    }

    /** The server's certificate does not match the pin; the message shows both fingerprints. */
    final class CertificateMismatchException extends CertificateException {
        private final String expected;
        private final String actual;

        public CertificateMismatchException(String expected, String actual) {
            super("server certificate SHA-256 " + actual + " does not match the pinned " + expected);
            this.expected = expected;
            this.actual = actual;
        }

        public String expected() {
            return expected;
        }

        public String actual() {
            return actual;
        }
    }
}
