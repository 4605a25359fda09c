package dev.porthole.rdp.protocol.pdu.rdp;

import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.9.1.1.5.1 Play Sound PDU Data (TS_PLAY_SOUND_PDU_DATA): a beep of {@code duration}
 * milliseconds at {@code frequency} hertz.
 */
public record PlaySoundPdu(int duration, int frequency) implements ShareData {

    static final String PDU = "TS_PLAY_SOUND_PDU_DATA";
    public static final int BODY_SIZE = 8;

    @Override
    public int pduType2() {
        return PDUTYPE2_PLAY_SOUND;
    }

    @Override
    public int bodySize() {
        return BODY_SIZE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeIntLE(duration);
        out.writeIntLE(frequency);
    }

    static PlaySoundPdu decodeBody(ByteBuf body) {
        Wire.need(body, BODY_SIZE, PDU, "body");
        int duration = body.readIntLE();
        int frequency = body.readIntLE();
        return Wire.decoded(() -> new PlaySoundPdu(duration, frequency));
    }
}
