package dev.porthole.rdp.protocol.pdu.license;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import io.netty.buffer.ByteBuf;

/** Field checks shared by the licensing messages. */
final class LicenseFields {

    private LicenseFields() {}

    static Bytes fixed(Bytes value, int length, String pdu, String field) {
        if (value == null || value.length() != length) {
            throw RdpException.argument(pdu, field, "must have " + length + " bytes");
        }
        return value;
    }

    static LicenseBinaryBlob present(LicenseBinaryBlob blob, String pdu, String field) {
        if (blob == null) {
            throw RdpException.argument(pdu, field, "is null");
        }
        return blob;
    }

    /** Reads a 32-bit length that must fit what is left of the message. */
    static int length32(ByteBuf in, String pdu, String field) {
        Wire.need(in, 4, pdu, field);
        long n = in.readUnsignedIntLE();
        if (n > in.readableBytes()) {
            throw RdpException.malformed(pdu, field, n + " exceeds the " + in.readableBytes() + " bytes left");
        }
        return (int) n;
    }
}
