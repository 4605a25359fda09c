package dev.porthole.rdp.protocol.credssp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.ByteBuf;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * MS-CSSP 2.2.1.2.1 TSPasswordCreds:
 * {@code SEQUENCE { domainName [0] OCTET STRING, userName [1] OCTET STRING, password [2] OCTET STRING }},
 * each a UTF-16LE string as Windows sends them (product behavior note 15). Not a record: the
 * password is secret, {@link #toString()} never shows it and {@link #wipe()} clears it.
 */
public final class TsPasswordCreds {

    static final String PDU = "TSPasswordCreds";

    private final byte[] domainName;
    private final byte[] userName;
    private final byte[] password;

    /** Takes copies of the three UTF-16LE byte strings. */
    public TsPasswordCreds(byte[] domainName, byte[] userName, byte[] password) {
        this.domainName = requireNonNull(domainName, "domainName").clone();
        this.userName = requireNonNull(userName, "userName").clone();
        this.password = requireNonNull(password, "password").clone();
    }

    private static byte[] requireNonNull(byte[] value, String field) {
        if (value == null) {
            throw RdpException.argument(PDU, field, "is null");
        }
        return value;
    }

    /** Encodes the strings as UTF-16LE; the caller may wipe {@code password} afterwards. */
    public static TsPasswordCreds of(String domain, String user, char[] password) {
        byte[] pw = new byte[password.length * 2];
        for (int i = 0; i < password.length; i++) {
            pw[2 * i] = (byte) password[i];
            pw[2 * i + 1] = (byte) (password[i] >>> 8);
        }
        try {
            return new TsPasswordCreds(domain.getBytes(StandardCharsets.UTF_16LE), user.getBytes(StandardCharsets.UTF_16LE), pw);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    public String domainName() {
        return new String(domainName, StandardCharsets.UTF_16LE);
    }

    public String userName() {
        return new String(userName, StandardCharsets.UTF_16LE);
    }

    /** A copy of the password's UTF-16LE bytes; the caller wipes it. */
    public byte[] password() {
        return password.clone();
    }

    /** True when the password equals {@code candidate} (constant time; for acceptors and tests). */
    public boolean passwordEquals(char[] candidate) {
        TsPasswordCreds other = of("", "", candidate);
        try {
            return org.bouncycastle.util.Arrays.constantTimeAreEqual(password, other.password);
        } finally {
            other.wipe();
        }
    }

    public byte[] toDer() {
        return new Asn1Fields.Writer().octets(0, domainName).octets(1, userName).octets(2, password).encode();
    }

    public void encode(ByteBuf out) {
        Der.writeSecret(toDer(), out);
    }

    public int size() {
        return Der.secretSize(toDer());
    }

    public static TsPasswordCreds decode(ByteBuf in) {
        return Der.readSecret(in, PDU, TsPasswordCreds::decode);
    }

    public static TsPasswordCreds decode(byte[] der) {
        return Der.parse(der, PDU, primitive -> {
            ASN1TaggedObject[] f = Asn1Fields.read(primitive, 2, PDU);
            byte[] pw = Asn1Fields.octets(Asn1Fields.required(f, 2, PDU, "password"), PDU, "password");
            try {
                return new TsPasswordCreds(
                        Asn1Fields.octets(Asn1Fields.required(f, 0, PDU, "domainName"), PDU, "domainName"),
                        Asn1Fields.octets(Asn1Fields.required(f, 1, PDU, "userName"), PDU, "userName"), pw);
            } finally {
                Arrays.fill(pw, (byte) 0);
            }
        });
    }

    /** Overwrites the password bytes. */
    public void wipe() {
        Arrays.fill(password, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsPasswordCreds c && Arrays.equals(c.domainName, domainName) && Arrays.equals(c.userName, userName)
                && org.bouncycastle.util.Arrays.constantTimeAreEqual(c.password, password);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(userName);
    }

    @Override
    public String toString() {
        return "TsPasswordCreds[domain=" + domainName() + ", user=" + userName() + ", password=(redacted)]";
    }
}
