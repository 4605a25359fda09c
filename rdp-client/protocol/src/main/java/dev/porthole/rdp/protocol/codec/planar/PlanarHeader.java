package dev.porthole.rdp.protocol.codec.planar;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPEGDI 2.2.2.5.1 RDP6_BITMAP_STREAM FormatHeader: one bit-packed byte, low bits first —
 * CLL (3 bits, color loss level; 0 = ARGB planes, 1..7 = AYCoCg planes), CS (chroma subsampling),
 * RLE (planes are RDP6_RLE_SEGMENTS), NA (no alpha plane) and two reserved bits (ignored).
 *
 * @param colorLossLevel    CLL, 0..7 (MS-RDPEGDI 3.1.9.1.4)
 * @param chromaSubsampling CS, only with AYCoCg (MS-RDPEGDI 3.1.9.1.3)
 * @param rle               RLE, planes are run-length encoded (MS-RDPEGDI 3.1.9.2)
 * @param noAlpha           NA, no alpha plane; alpha is 0xFF
 */
public record PlanarHeader(int colorLossLevel, boolean chromaSubsampling, boolean rle, boolean noAlpha) {

    static final String PDU = "RDP6_BITMAP_STREAM";
    static final int CLL_MASK = 0x07;
    static final int CS = 0x08;
    static final int RLE = 0x10;
    static final int NA = 0x20;

    public PlanarHeader {
        if (colorLossLevel < 0 || colorLossLevel > 7) {
            throw RdpException.argument(PDU, "FormatHeader.CLL", colorLossLevel + " is outside 0..7");
        }
        if (chromaSubsampling && colorLossLevel == 0) {
            throw RdpException.argument(PDU, "FormatHeader.CS", "chroma subsampling needs AYCoCg (CLL > 0)");
        }
    }

    /** True for the AYCoCg color space (CLL > 0), false for ARGB. */
    public boolean aycocg() {
        return colorLossLevel > 0;
    }

    public int size() {
        return 1;
    }

    public void encode(ByteBuf out) {
        out.writeByte(colorLossLevel | (chromaSubsampling ? CS : 0) | (rle ? RLE : 0) | (noAlpha ? NA : 0));
    }

    public static PlanarHeader decode(ByteBuf in) {
        Wire.need(in, 1, PDU, "FormatHeader");
        int b = in.readUnsignedByte();
        int cll = b & CLL_MASK;
        boolean cs = (b & CS) != 0;
        if (cs && cll == 0) {
            throw RdpException.malformed(PDU, "FormatHeader.CS", "chroma subsampling is set with CLL 0 (ARGB)");
        }
        return new PlanarHeader(cll, cs, (b & RLE) != 0, (b & NA) != 0);
    }
}
