package dev.porthole.rdp.protocol.credssp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;

/**
 * MS-CSSP 2.2.1 TSRequest, DER-encoded with Bouncy Castle's ASN.1 classes:
 * <pre>
 * TSRequest ::= SEQUENCE {
 *   version     [0] INTEGER,
 *   negoTokens  [1] NegoData OPTIONAL,      -- NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }
 *   authInfo    [2] OCTET STRING OPTIONAL,
 *   pubKeyAuth  [3] OCTET STRING OPTIONAL,
 *   errorCode   [4] INTEGER OPTIONAL,
 *   clientNonce [5] OCTET STRING OPTIONAL }
 * </pre>
 * {@link #decode(ByteBuf)} reads exactly one TSRequest (the TLS stream may hold more);
 * {@link #peekLength(ByteBuf)} frames them.
 *
 * @param version     the sender's CredSSP version (2..6; larger values are legal and mean "at least 6")
 * @param negoTokens  the NegoData tokens (SPNEGO or raw NTLM messages), empty when absent
 * @param authInfo    the sealed TSCredentials, or {@code null}
 * @param pubKeyAuth  the sealed public key or public key hash, or {@code null}
 * @param errorCode   the NTSTATUS the server failed with (version 3+), or {@code null}
 * @param clientNonce the 32-byte client nonce (version 5+), or {@code null}
 */
public record TsRequest(int version, List<byte[]> negoTokens, byte[] authInfo, byte[] pubKeyAuth, Integer errorCode,
                        byte[] clientNonce) {

    static final String PDU = "TSRequest";
    public static final int NONCE_SIZE = 32;

    public TsRequest {
        if (version < 0) {
            throw RdpException.argument(PDU, "version", version + " is negative");
        }
        negoTokens = negoTokens == null ? List.of() : negoTokens.stream().map(t -> Objects.requireNonNull(t, "negoToken").clone()).toList();
        authInfo = authInfo == null ? null : authInfo.clone();
        pubKeyAuth = pubKeyAuth == null ? null : pubKeyAuth.clone();
        if (clientNonce != null && clientNonce.length != NONCE_SIZE) {
            throw RdpException.argument(PDU, "clientNonce", "must be " + NONCE_SIZE + " bytes, is " + clientNonce.length);
        }
        clientNonce = clientNonce == null ? null : clientNonce.clone();
    }

    /** A TSRequest carrying one negoToken. */
    public static TsRequest ofNegoToken(int version, byte[] token) {
        return new TsRequest(version, List.of(token), null, null, null, null);
    }

    @Override
    public List<byte[]> negoTokens() {
        return negoTokens.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] authInfo() {
        return authInfo == null ? null : authInfo.clone();
    }

    @Override
    public byte[] pubKeyAuth() {
        return pubKeyAuth == null ? null : pubKeyAuth.clone();
    }

    @Override
    public byte[] clientNonce() {
        return clientNonce == null ? null : clientNonce.clone();
    }

    /** The DER encoding. */
    public byte[] toDer() {
        Asn1Fields.Writer w = new Asn1Fields.Writer().integer(0, version);
        if (!negoTokens.isEmpty()) {
            ASN1EncodableVector tokens = new ASN1EncodableVector();
            for (byte[] token : negoTokens) {
                tokens.add(new Asn1Fields.Writer().octets(0, token).sequence());
            }
            w.add(1, new DERSequence(tokens));
        }
        if (authInfo != null) {
            w.octets(2, authInfo);
        }
        if (pubKeyAuth != null) {
            w.octets(3, pubKeyAuth);
        }
        if (errorCode != null) {
            w.integer(4, errorCode); // NTSTATUS is a signed 32-bit LONG
        }
        if (clientNonce != null) {
            w.octets(5, clientNonce);
        }
        return w.encode();
    }

    public void encode(ByteBuf out) {
        out.writeBytes(toDer());
    }

    public int size() {
        return toDer().length;
    }

    /**
     * The length of the TSRequest starting at {@code in}'s reader index, or -1 when its DER header
     * has not fully arrived. Fails with MALFORMED when the bytes cannot start a TSRequest.
     */
    public static int peekLength(ByteBuf in) {
        return Der.peekLength(in, Der.SEQUENCE, PDU);
    }

    /** Decodes one TSRequest from {@code in}, consuming exactly its bytes. */
    public static TsRequest decode(ByteBuf in) {
        return decode(Der.readTlv(in, Der.SEQUENCE, PDU));
    }

    /** Decodes a TSRequest that must fill {@code der} exactly. */
    public static TsRequest decode(byte[] der) {
        return Der.parse(der, PDU, primitive -> {
            ASN1TaggedObject[] f = Asn1Fields.read(primitive, 5, PDU);
            BigInteger v = Asn1Fields.integer(Asn1Fields.required(f, 0, PDU, "version"), PDU, "version");
            if (v.signum() < 0 || v.bitLength() > 31) {
                throw RdpException.malformed(PDU, "version", v + " is out of range");
            }
            List<byte[]> tokens = new ArrayList<>();
            if (f[1] != null) {
                ASN1Sequence nego = Asn1Fields.sequence(f[1], PDU, "negoTokens");
                int i = 0;
                for (ASN1Encodable item : nego) {
                    String name = "negoTokens[" + i++ + "]";
                    if (!(item instanceof ASN1Sequence)) {
                        throw RdpException.malformed(PDU, name, "is not a SEQUENCE");
                    }
                    ASN1TaggedObject[] t = Asn1Fields.read(item.toASN1Primitive(), 0, PDU + "." + name);
                    tokens.add(Asn1Fields.octets(Asn1Fields.required(t, 0, PDU, name + ".negoToken"), PDU, name + ".negoToken"));
                }
            }
            byte[] authInfo = f[2] == null ? null : Asn1Fields.octets(f[2], PDU, "authInfo");
            byte[] pubKeyAuth = f[3] == null ? null : Asn1Fields.octets(f[3], PDU, "pubKeyAuth");
            Integer errorCode = null;
            if (f[4] != null) {
                BigInteger e = Asn1Fields.integer(f[4], PDU, "errorCode");
                if (e.bitLength() > 32 || (e.signum() < 0 && e.bitLength() > 31)) {
                    throw RdpException.malformed(PDU, "errorCode", e + " does not fit 32 bits");
                }
                errorCode = e.intValue(); // accepts both the signed (Windows) and unsigned spellings
            }
            byte[] nonce = null;
            if (f[5] != null) {
                nonce = Asn1Fields.octets(f[5], PDU, "clientNonce");
                if (nonce.length != NONCE_SIZE) {
                    throw RdpException.malformed(PDU, "clientNonce", "must be " + NONCE_SIZE + " bytes, is " + nonce.length);
                }
            }
            return new TsRequest(v.intValue(), tokens, authInfo, pubKeyAuth, errorCode, nonce);
        });
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TsRequest r) || r.version != version || r.negoTokens.size() != negoTokens.size()) {
            return false;
        }
        for (int i = 0; i < negoTokens.size(); i++) {
            if (!Arrays.equals(r.negoTokens.get(i), negoTokens.get(i))) {
                return false;
            }
        }
        return Arrays.equals(r.authInfo, authInfo) && Arrays.equals(r.pubKeyAuth, pubKeyAuth)
                && Objects.equals(r.errorCode, errorCode) && Arrays.equals(r.clientNonce, clientNonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, negoTokens.size(), Arrays.hashCode(authInfo), Arrays.hashCode(pubKeyAuth), errorCode);
    }

    /** Lengths only: authInfo carries (sealed) credentials. */
    @Override
    public String toString() {
        return "TsRequest[version=" + version + ", negoTokens=" + negoTokens.stream().map(t -> t.length + " bytes").toList()
                + ", authInfo=" + (authInfo == null ? "absent" : authInfo.length + " bytes")
                + ", pubKeyAuth=" + (pubKeyAuth == null ? "absent" : pubKeyAuth.length + " bytes")
                + ", errorCode=" + (errorCode == null ? "absent" : String.format("0x%08X", errorCode))
                + ", clientNonce=" + (clientNonce == null ? "absent" : HexFormat.of().formatHex(clientNonce)) + "]";
    }
}
