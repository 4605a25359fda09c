package dev.porthole.rdp.protocol.pdu.capability;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.Wire;
import io.netty.buffer.ByteBuf;

/**
 * MS-RDPBCGR 2.2.1.13.1.1.1 Capability Set (TS_CAPS_SET) and the sets of section 2.2.7: a little-endian
 * 16-bit type and 16-bit length (header included), then the set's fields. Sets this module does not
 * model are kept byte for byte as {@link UnknownCapabilitySet}. A known set whose length is shorter
 * than its fields is MALFORMED; bytes beyond the known fields are ignored (later revisions may add
 * fields), except where the specification defines optional trailing fields (Pointer, Virtual Channel)
 * or a known short form (the 4-byte Font set of some servers).
 */
public sealed interface CapabilitySet permits GeneralCapabilitySet, BitmapCapabilitySet, OrderCapabilitySet,
        BitmapCacheCapabilitySet, BitmapCacheRev2CapabilitySet, PointerCapabilitySet, InputCapabilitySet,
        BrushCapabilitySet, GlyphCacheCapabilitySet, OffscreenBitmapCacheCapabilitySet, VirtualChannelCapabilitySet,
        SoundCapabilitySet, BitmapCacheHostSupportCapabilitySet, ControlCapabilitySet, WindowActivationCapabilitySet,
        ShareCapabilitySet, FontCapabilitySet, ColorCacheCapabilitySet, LargePointerCapabilitySet,
        MultifragmentUpdateCapabilitySet, SurfaceCommandsCapabilitySet, BitmapCodecsCapabilitySet,
        FrameAcknowledgeCapabilitySet, DesktopCompositionCapabilitySet, UnknownCapabilitySet {

    String PDU = "TS_CAPS_SET";
    int HEADER_SIZE = 4;

    int CAPSTYPE_GENERAL = 0x0001;
    int CAPSTYPE_BITMAP = 0x0002;
    int CAPSTYPE_ORDER = 0x0003;
    int CAPSTYPE_BITMAPCACHE = 0x0004;
    int CAPSTYPE_CONTROL = 0x0005;
    int CAPSTYPE_ACTIVATION = 0x0007;
    int CAPSTYPE_POINTER = 0x0008;
    int CAPSTYPE_SHARE = 0x0009;
    int CAPSTYPE_COLORCACHE = 0x000A;
    int CAPSTYPE_SOUND = 0x000C;
    int CAPSTYPE_INPUT = 0x000D;
    int CAPSTYPE_FONT = 0x000E;
    int CAPSTYPE_BRUSH = 0x000F;
    int CAPSTYPE_GLYPHCACHE = 0x0010;
    int CAPSTYPE_OFFSCREENCACHE = 0x0011;
    int CAPSTYPE_BITMAPCACHE_HOSTSUPPORT = 0x0012;
    int CAPSTYPE_BITMAPCACHE_REV2 = 0x0013;
    int CAPSTYPE_VIRTUALCHANNEL = 0x0014;
    int CAPSTYPE_DRAWNINEGRIDCACHE = 0x0015;
    int CAPSTYPE_DRAWGDIPLUS = 0x0016;
    int CAPSTYPE_RAIL = 0x0017;
    int CAPSTYPE_WINDOW = 0x0018;
    int CAPSETTYPE_COMPDESK = 0x0019;
    int CAPSETTYPE_MULTIFRAGMENTUPDATE = 0x001A;
    int CAPSETTYPE_LARGE_POINTER = 0x001B;
    int CAPSETTYPE_SURFACE_COMMANDS = 0x001C;
    int CAPSETTYPE_BITMAP_CODECS = 0x001D;
    int CAPSSETTYPE_FRAME_ACKNOWLEDGE = 0x001E;

    /** capabilitySetType. */
    int type();

    /** Bytes after the 4-byte header. */
    int bodySize();

    /** Writes the fields after the header. */
    void encodeBody(ByteBuf out);

    /** Encoded size, header included (lengthCapability). */
    default int size() {
        return HEADER_SIZE + bodySize();
    }

    /** Writes the whole set, header included. */
    default void encode(ByteBuf out) {
        int size = size();
        if (size > 0xFFFF) {
            throw RdpException.argument(PDU, "lengthCapability", size + " does not fit 16 bits");
        }
        out.writeShortLE(type());
        out.writeShortLE(size);
        encodeBody(out);
    }

    /** Decodes one set; reads exactly lengthCapability bytes. */
    static CapabilitySet decode(ByteBuf in) {
        Wire.need(in, HEADER_SIZE, PDU, "capabilitySetType/lengthCapability");
        int type = in.readUnsignedShortLE();
        int length = in.readUnsignedShortLE();
        if (length < HEADER_SIZE) {
            throw RdpException.malformed(PDU, "lengthCapability", "type 0x" + Integer.toHexString(type) + " has length "
                    + length + ", less than its header");
        }
        Wire.need(in, length - HEADER_SIZE, PDU, "lengthCapability");
        ByteBuf body = in.readSlice(length - HEADER_SIZE);
        return switch (type) {
            case CAPSTYPE_GENERAL -> GeneralCapabilitySet.decodeBody(body);
            case CAPSTYPE_BITMAP -> BitmapCapabilitySet.decodeBody(body);
            case CAPSTYPE_ORDER -> OrderCapabilitySet.decodeBody(body);
            case CAPSTYPE_BITMAPCACHE -> BitmapCacheCapabilitySet.decodeBody(body);
            case CAPSTYPE_CONTROL -> ControlCapabilitySet.decodeBody(body);
            case CAPSTYPE_ACTIVATION -> WindowActivationCapabilitySet.decodeBody(body);
            case CAPSTYPE_POINTER -> PointerCapabilitySet.decodeBody(body);
            case CAPSTYPE_SHARE -> ShareCapabilitySet.decodeBody(body);
            case CAPSTYPE_COLORCACHE -> ColorCacheCapabilitySet.decodeBody(body);
            case CAPSTYPE_SOUND -> SoundCapabilitySet.decodeBody(body);
            case CAPSTYPE_INPUT -> InputCapabilitySet.decodeBody(body);
            case CAPSTYPE_FONT -> FontCapabilitySet.decodeBody(body);
            case CAPSTYPE_BRUSH -> BrushCapabilitySet.decodeBody(body);
            case CAPSTYPE_GLYPHCACHE -> GlyphCacheCapabilitySet.decodeBody(body);
            case CAPSTYPE_OFFSCREENCACHE -> OffscreenBitmapCacheCapabilitySet.decodeBody(body);
            case CAPSTYPE_BITMAPCACHE_HOSTSUPPORT -> BitmapCacheHostSupportCapabilitySet.decodeBody(body);
            case CAPSTYPE_BITMAPCACHE_REV2 -> BitmapCacheRev2CapabilitySet.decodeBody(body);
            case CAPSTYPE_VIRTUALCHANNEL -> VirtualChannelCapabilitySet.decodeBody(body);
            case CAPSETTYPE_COMPDESK -> DesktopCompositionCapabilitySet.decodeBody(body);
            case CAPSETTYPE_MULTIFRAGMENTUPDATE -> MultifragmentUpdateCapabilitySet.decodeBody(body);
            case CAPSETTYPE_LARGE_POINTER -> LargePointerCapabilitySet.decodeBody(body);
            case CAPSETTYPE_SURFACE_COMMANDS -> SurfaceCommandsCapabilitySet.decodeBody(body);
            case CAPSETTYPE_BITMAP_CODECS -> BitmapCodecsCapabilitySet.decodeBody(body);
            case CAPSSETTYPE_FRAME_ACKNOWLEDGE -> FrameAcknowledgeCapabilitySet.decodeBody(body);
            default -> UnknownCapabilitySet.decodeBody(type, body);
        };
    }

    /**
     * Decodes {@code count} sets from {@code in}. Each set takes at least 4 bytes, so a count the bytes
     * cannot hold fails before anything is allocated.
     */
    static List<CapabilitySet> decodeAll(ByteBuf in, int count, String pdu) {
        if (count < 0 || (long) count * HEADER_SIZE > in.readableBytes()) {
            throw RdpException.malformed(pdu, "numberCapabilities", count + " sets cannot fit in " + in.readableBytes()
                    + " bytes");
        }
        List<CapabilitySet> sets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sets.add(decode(in));
        }
        return List.copyOf(sets);
    }

    /** Bytes of {@code sets} encoded one after the other. */
    static int sizeOf(List<CapabilitySet> sets) {
        int size = 0;
        for (CapabilitySet s : sets) {
            size += s.size();
        }
        return size;
    }

    /** The first set of {@code kind} in {@code sets}, or {@code null}. */
    static <T extends CapabilitySet> T find(List<CapabilitySet> sets, Class<T> kind) {
        for (CapabilitySet s : sets) {
            if (kind.isInstance(s)) {
                return kind.cast(s);
            }
        }
        return null;
    }
}
