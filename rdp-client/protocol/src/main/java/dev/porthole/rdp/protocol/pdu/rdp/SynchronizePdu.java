package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.14.1 Synchronize PDU Data (TS_SYNCHRONIZE_PDU), sent by both sides during
 * connection finalization (2.2.1.14, 2.2.1.19): messageType SYNCMSGTYPE_SYNC and the target user (the
 * server channel id from the client, the client's user channel id from the server).
 */
public record SynchronizePdu(int messageType, int targetUser) implements ShareData {

    static final String PDU = "TS_SYNCHRONIZE_PDU";
    public static final int BODY_SIZE = 4;

    public static final int SYNCMSGTYPE_SYNC = 1;

    /** The synchronize message addressed to {@code targetUser}. */
    public static SynchronizePdu to(int targetUser) {
        return new SynchronizePdu(SYNCMSGTYPE_SYNC, targetUser);
    }

    public SynchronizePdu {
        Wire.requireUnsigned(messageType, 16, PDU, "messageType");
        Wire.requireUnsigned(targetUser, 16, PDU, "targetUser");
    }

    @Override
    public int pduType2() {
        return PDUTYPE2_SYNCHRONIZE;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(messageType);
        out.writeShortLE(targetUser);
    }

    static SynchronizePdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int messageType = body.readUnsignedShortLE();
        int targetUser = body.readUnsignedShortLE();
        return Wire.decoded(() -> new SynchronizePdu(messageType, targetUser));
    }
}
