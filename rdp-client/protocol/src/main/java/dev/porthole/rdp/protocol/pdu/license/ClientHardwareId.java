package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPELE 2.2.2.3.1 Client Hardware Identification (CLIENT_HARDWARE_ID), 20 bytes, carried encrypted in
 * the EncryptedHWID blobs. The four data words identify the device to the license server.
 */
public record ClientHardwareId(int platformId, int data1, int data2, int data3, int data4) {

    static final String PDU = "CLIENT_HARDWARE_ID";
    public static final int SIZE = 20;

    public static ClientHardwareId decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        return new ClientHardwareId(in.readIntLE(), in.readIntLE(), in.readIntLE(), in.readIntLE(), in.readIntLE());
    }

    public void encode(ByteBuf out) {
        out.writeIntLE(platformId);
        out.writeIntLE(data1);
        out.writeIntLE(data2);
        out.writeIntLE(data3);
        out.writeIntLE(data4);
    }

    public int size() {
        return SIZE;
    }
}
