package dev.porthole.rdp.protocol.credssp;

import java.math.BigInteger;
import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * MS-CSSP 2.2.1.2 TSCredentials: {@code SEQUENCE { credType [0] INTEGER, credentials [1] OCTET STRING }}.
 * The credentials are secret: {@link #toString()} shows the type only and {@link #wipe()} clears them.
 *
 * @param credType    {@link #PASSWORD} (1), {@link #SMART_CARD} (2) or {@link #REMOTE_GUARD} (6)
 * @param credentials the encoded TSPasswordCreds / TSSmartCardCreds / TSRemoteGuardCreds
 */
public record TsCredentials(int credType, byte[] credentials) {

    static final String PDU = "TSCredentials";
    public static final int PASSWORD = 1;
    public static final int SMART_CARD = 2;
    public static final int REMOTE_GUARD = 6;

    public TsCredentials {
        if (credentials == null) {
            throw RdpException.argument(PDU, "credentials", "is null");
        }
        if (credType < 0) {
            throw RdpException.argument(PDU, "credType", credType + " is negative");
        }
        credentials = credentials.clone();
    }

    /** Password credentials (credType 1). */
    public static TsCredentials password(TsPasswordCreds creds) {
        byte[] der = creds.toDer();
        try {
            return new TsCredentials(PASSWORD, der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    @Override
    public byte[] credentials() {
        return credentials.clone();
    }

    public byte[] toDer() {
        return new Asn1Fields.Writer().integer(0, credType).octets(1, credentials).encode();
    }

    public void encode(ByteBuf out) {
        Der.writeSecret(toDer(), out);
    }

    public int size() {
        return Der.secretSize(toDer());
    }

    public static TsCredentials decode(ByteBuf in) {
        return Der.readSecret(in, PDU, TsCredentials::decode);
    }

    public static TsCredentials decode(byte[] der) {
        return Der.parse(der, PDU, primitive -> {
            ASN1TaggedObject[] f = Asn1Fields.read(primitive, 1, PDU);
            BigInteger type = Asn1Fields.integer(Asn1Fields.required(f, 0, PDU, "credType"), PDU, "credType");
            if (type.signum() < 0 || type.bitLength() > 31) {
                throw RdpException.malformed(PDU, "credType", type + " is out of range");
            }
            return new TsCredentials(type.intValue(), Asn1Fields.octets(Asn1Fields.required(f, 1, PDU, "credentials"), PDU, "credentials"));
        });
    }

    /** Overwrites the credential bytes held by this value. */
    public void wipe() {
        Arrays.fill(credentials, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsCredentials c && c.credType == credType && Arrays.equals(c.credentials, credentials);
    }

    @Override
    public int hashCode() {
        return credType;
    }

    @Override
    public String toString() {
        return "TsCredentials[credType=" + credType + ", credentials=(redacted)]";
    }
}
