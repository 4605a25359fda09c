package dev.porthole.rdp.protocol.pdu.rdp;

import io.netty.buffer.ByteBuf;

/** MS-RDPBCGR 2.2.10.1.1.3 Plain Notify (TS_PLAIN_NOTIFY): "the user has logged on", 576 bytes of padding. */
public record PlainNotify() implements LogonInfo {

    public static final int SIZE = 576;

    @Override
    public int infoType() {
        return INFOTYPE_LOGON_PLAINNOTIFY;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public void encode(ByteBuf out) {
        out.writeZero(SIZE);
    }

    static PlainNotify decode(ByteBuf in) {
        in.skipBytes(Math.min(SIZE, in.readableBytes())); // padding, ignored even when short
        return new PlainNotify();
    }
}
