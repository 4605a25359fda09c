package dev.porthole.rdp.protocol.credssp;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.ntlm.ChannelBindings;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * What binds CredSSP to the TLS connection (MS-CSSP 3.1.5 step 3): the server's SubjectPublicKey
 * — the content of the subjectPublicKey BIT STRING of the certificate's SubjectPublicKeyInfo
 * (RFC 3280 4.1), e.g. the DER RSAPublicKey — and, when the whole certificate is known, the NTLM
 * channel bindings ({@code tls-server-end-point}, see {@link ChannelBindings}).
 *
 * @param subjectPublicKey the ASN.1-encoded SubjectPublicKey
 * @param channelBindings  ClientChannelBindingsUnhashed, or {@code null} when only the key is known
 */
public record TlsBinding(byte[] subjectPublicKey, byte[] channelBindings) {

    static final String PDU = "server certificate";

    public TlsBinding {
        if (subjectPublicKey == null || subjectPublicKey.length == 0) {
            throw RdpException.argument(PDU, "subjectPublicKey", "is empty");
        }
        subjectPublicKey = subjectPublicKey.clone();
        channelBindings = channelBindings == null ? null : channelBindings.clone();
    }

    /** From the server's DER certificate, as the TLS handshake presented it: key and channel bindings. */
    public static TlsBinding ofCertificate(byte[] certificateDer) {
        Certificate certificate;
        try {
            certificate = Certificate.getInstance(certificateDer);
        } catch (RuntimeException e) {
            throw new RdpException(RdpException.Kind.TRUST, PDU + ": not a DER X.509 certificate", e);
        }
        if (certificate == null) {
            throw new RdpException(RdpException.Kind.TRUST, PDU + ": not a DER X.509 certificate");
        }
        return new TlsBinding(subjectPublicKey(certificate.getSubjectPublicKeyInfo()), ChannelBindings.tlsServerEndPoint(certificateDer));
    }

    /** From a DER SubjectPublicKeyInfo (no channel bindings). */
    public static TlsBinding ofSubjectPublicKeyInfo(byte[] spkiDer) {
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(spkiDer);
        } catch (RuntimeException e) {
            throw new RdpException(RdpException.Kind.TRUST, PDU + ".subjectPublicKeyInfo: not DER", e);
        }
        return new TlsBinding(subjectPublicKey(spki), null);
    }

    private static byte[] subjectPublicKey(SubjectPublicKeyInfo spki) {
        try {
            return spki.getPublicKeyData().getOctets();
        } catch (RuntimeException e) {
            throw new RdpException(RdpException.Kind.TRUST, PDU + ".subjectPublicKey: not a whole number of bytes", e);
        }
    }

    @Override
    public byte[] subjectPublicKey() {
        return subjectPublicKey.clone();
    }

    @Override
    public byte[] channelBindings() {
        return channelBindings == null ? null : channelBindings.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsBinding b && Arrays.equals(b.subjectPublicKey, subjectPublicKey) && Arrays.equals(b.channelBindings, channelBindings);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(subjectPublicKey);
    }

    @Override
    public String toString() {
        return "TlsBinding[subjectPublicKey=" + subjectPublicKey.length + " bytes, channelBindings="
                + (channelBindings == null ? "none" : "tls-server-end-point") + "]";
    }
}
