package dev.porthole.rdp.protocol.pdu.gcc;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.3.4.1 Channel Definition Structure (CHANNEL_DEF): a static virtual channel the
 * client asks for, by name (at most 7 ANSI characters), with its options.
 */
public record ChannelDef(String name, int options) {

    static final String PDU = "CHANNEL_DEF";
    public static final int SIZE = 12;

    public static final int CHANNEL_OPTION_INITIALIZED = 0x80000000;
    public static final int CHANNEL_OPTION_ENCRYPT_RDP = 0x40000000;
    public static final int CHANNEL_OPTION_ENCRYPT_SC = 0x20000000;
    public static final int CHANNEL_OPTION_ENCRYPT_CS = 0x10000000;
    public static final int CHANNEL_OPTION_PRI_HIGH = 0x08000000;
    public static final int CHANNEL_OPTION_PRI_MED = 0x04000000;
    public static final int CHANNEL_OPTION_PRI_LOW = 0x02000000;
    public static final int CHANNEL_OPTION_COMPRESS_RDP = 0x00800000;
    public static final int CHANNEL_OPTION_COMPRESS = 0x00400000;
    public static final int CHANNEL_OPTION_SHOW_PROTOCOL = 0x00200000;
    public static final int REMOTE_CONTROL_PERSISTENT = 0x00100000;

    public ChannelDef {
        if (name == null || name.isEmpty() || name.length() > 7) {
            throw RdpException.argument(PDU, "name", "must have 1 to 7 characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw RdpException.argument(PDU, "name", "character at " + i + " is not printable ASCII");
            }
        }
    }

    public void encode(ByteBuf out) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(b);
        out.writeZero(8 - b.length);
        out.writeIntLE(options);
    }

    static ChannelDef decode(ByteBuf in) {
        Wire.need(in, SIZE, PDU, "structure");
        byte[] raw = new byte[8];
        in.readBytes(raw);
        int end = 0;
        while (end < 8 && raw[end] != 0) {
            end++;
        }
        String name = new String(raw, 0, end, StandardCharsets.ISO_8859_1);
        int options = in.readIntLE();
        return Wire.decoded(() -> new ChannelDef(name, options));
    }
}
