package dev.porthole.rdp.protocol.pdu.capability;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.7.1.11 Sound Capability Set (beeps).
 */
public record SoundCapabilitySet(int soundFlags) implements CapabilitySet {

    static final String PDU = "TS_SOUND_CAPABILITYSET";
    /** Bytes after the capability set header. */
    public static final int BODY_SIZE = 4;
    public static final int SOUND_FLAG_BEEPS = 0x0001;

    public SoundCapabilitySet {
        Wire.requireUnsigned(soundFlags, 16, PDU, "soundFlags");
    }

    @Override
    public int type() {
        return CAPSTYPE_SOUND;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeShortLE(soundFlags);
        out.writeZero(2); // pad2octetsA
    }

    static SoundCapabilitySet decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "lengthCapability");
        int soundFlags = body.readUnsignedShortLE();
        body.skipBytes(2); // pad2octetsA
        return Wire.decoded(() -> new SoundCapabilitySet(soundFlags));
    }
}
