package dev.porthole.rdp.protocol.pdu.gcc;

import java.util.Arrays;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.4.3 Server Security Data (TS_UD_SC_SEC1). Under Enhanced RDP Security (TLS,
 * CredSSP) the method and level are 0 and no random or certificate follows; Standard RDP Security
 * adds the 32-byte server random and the server certificate.
 */
public final class ServerSecurityData {

    static final String PDU = "TS_UD_SC_SEC1";

    public static final int ENCRYPTION_LEVEL_NONE = 0;
    public static final int ENCRYPTION_LEVEL_LOW = 1;
    public static final int ENCRYPTION_LEVEL_CLIENT_COMPATIBLE = 2;
    public static final int ENCRYPTION_LEVEL_HIGH = 3;
    public static final int ENCRYPTION_LEVEL_FIPS = 4;

    /** Upper bound on the certificate we accept (a proprietary or X.509 chain). */
    public static final int MAX_CERTIFICATE = 16 * 1024;

    private final int encryptionMethod;
    private final int encryptionLevel;
    private final byte[] serverRandom;
    private final byte[] serverCertificate;

    public ServerSecurityData(int encryptionMethod, int encryptionLevel, byte[] serverRandom, byte[] serverCertificate) {
        this.encryptionMethod = encryptionMethod;
        this.encryptionLevel = encryptionLevel;
        this.serverRandom = serverRandom.clone();
        this.serverCertificate = serverCertificate.clone();
        if (encryptionMethod == 0 && (serverRandom.length != 0 || serverCertificate.length != 0)) {
            throw RdpException.argument(PDU, "serverRandom", "must be absent when encryptionMethod is 0");
        }
    }

    public int encryptionMethod() {
        return encryptionMethod;
    }

    public int encryptionLevel() {
        return encryptionLevel;
    }

    public byte[] serverRandom() {
        return serverRandom.clone();
    }

    public byte[] serverCertificate() {
        return serverCertificate.clone();
    }

    public int size() {
        return 12 + (encryptionMethod == 0 && encryptionLevel == 0 ? 0 : 8 + serverRandom.length + serverCertificate.length);
    }

    public void encode(ByteBuf out) {
        UserDataHeader.write(out, UserDataHeader.SC_SECURITY, size());
        out.writeIntLE(encryptionMethod);
        out.writeIntLE(encryptionLevel);
        if (encryptionMethod != 0 || encryptionLevel != 0) {
            out.writeIntLE(serverRandom.length);
            out.writeIntLE(serverCertificate.length);
            out.writeBytes(serverRandom);
            out.writeBytes(serverCertificate);
        }
    }

    static ServerSecurityData decodeBody(ByteBuf body) {
        Wire.need(body, 8, PDU, "fields");
        int method = body.readIntLE();
        int level = body.readIntLE();
        byte[] random = new byte[0];
        byte[] cert = new byte[0];
        if ((method != 0 || level != 0) && body.isReadable()) {
            Wire.need(body, 8, PDU, "serverRandomLen");
            long randomLen = body.readUnsignedIntLE();
            long certLen = body.readUnsignedIntLE();
            if (randomLen != 32) {
                throw RdpException.malformed(PDU, "serverRandomLen", randomLen + ", expected 32");
            }
            if (certLen > MAX_CERTIFICATE) {
                throw RdpException.malformed(PDU, "serverCertLen", certLen + " exceeds " + MAX_CERTIFICATE);
            }
            Wire.need(body, (int) (randomLen + certLen), PDU, "serverRandom/serverCertificate");
            random = new byte[(int) randomLen];
            body.readBytes(random);
            cert = new byte[(int) certLen];
            body.readBytes(cert);
        }
        body.skipBytes(body.readableBytes());
        byte[] r = random;
        byte[] c = cert;
        return Wire.decoded(() -> new ServerSecurityData(method, level, r, c));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerSecurityData s && s.encryptionMethod == encryptionMethod
                && s.encryptionLevel == encryptionLevel && Arrays.equals(s.serverRandom, serverRandom)
                && Arrays.equals(s.serverCertificate, serverCertificate);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * encryptionMethod + encryptionLevel) + Arrays.hashCode(serverCertificate);
    }

    @Override
    public String toString() {
        return "ServerSecurityData[method=" + encryptionMethod + ", level=" + encryptionLevel + ", random="
                + serverRandom.length + "B, certificate=" + serverCertificate.length + "B]";
    }
}
