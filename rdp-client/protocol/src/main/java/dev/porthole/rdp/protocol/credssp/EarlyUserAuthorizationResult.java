package dev.porthole.rdp.protocol.credssp;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.10.2 Early User Authorization Result PDU: four little-endian bytes the server
 * sends right after CredSSP when PROTOCOL_HYBRID_EX was selected.
 *
 * @param authorizationResult {@link #AUTHZ_SUCCESS} or {@link #AUTHZ_ACCESS_DENIED}
 */
public record EarlyUserAuthorizationResult(int authorizationResult) {

    static final String PDU = "Early User Authorization Result PDU";
    public static final int SIZE = 4;
    public static final int AUTHZ_SUCCESS = 0x00000000;
    public static final int AUTHZ_ACCESS_DENIED = 0x00000005;

    public static EarlyUserAuthorizationResult decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "authorizationResult");
        return new EarlyUserAuthorizationResult(in.readIntLE());
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(authorizationResult);
    }

    public int size() {
        return SIZE;
    }

    /** Fails unless the result is AUTHZ_SUCCESS (MS-RDPBCGR 3.2.5.10.2: the client drops the connection on denial). */
    public void requireSuccess() {
        switch (authorizationResult) {
            case AUTHZ_SUCCESS -> { }
            case AUTHZ_ACCESS_DENIED -> throw new RdpException(RdpException.Kind.AUTHENTICATION, PDU
                    + ".authorizationResult: AUTHZ_ACCESS_DENIED, the credentials are valid but this user may not log on to the server");
            default -> throw RdpException.malformed(PDU, "authorizationResult",
                    String.format("0x%08X is neither AUTHZ_SUCCESS nor AUTHZ_ACCESS_DENIED", authorizationResult));
        }
    }
}
