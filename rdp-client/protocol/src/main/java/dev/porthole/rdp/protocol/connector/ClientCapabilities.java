package dev.porthole.rdp.protocol.connector;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.pdu.capability.BitmapCacheCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.BitmapCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.BrushCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.CapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.ColorCacheCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.ControlCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.FontCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.GeneralCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.GlyphCacheCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.InputCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.LargePointerCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.MultifragmentUpdateCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.OffscreenBitmapCacheCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.OrderCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.PointerCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.ShareCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.SoundCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.SurfaceCommandsCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.VirtualChannelCapabilitySet;
import dev.porthole.rdp.protocol.pdu.capability.WindowActivationCapabilitySet;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;

/**
 * The capability sets this client confirms (MS-RDPBCGR 2.2.1.13.2), honest about what it does:
 * fast-path output, bitmap updates (interleaved RLE and planar), no drawing orders or glyph caching,
 * color and large pointers, scancode/unicode/wheel input, frame markers. Codec-based surface bits
 * are not offered yet, so no Bitmap Codecs set is sent.
 *
 * <p>Drawing orders are not offered although {@code orders.OrderDecoder}/{@code OrderRenderer} draw the
 * primary orders DstBlt, PatBlt, ScrBlt, OpaqueRect, MultiOpaqueRect, MemBlt and LineTo with the bitmap and
 * color-table caches (and {@code ActiveSession} applies them when a server sends them): xrdp 0.9 switches
 * to orders as soon as DstBlt, PatBlt, ScrBlt and MemBlt are offered (libxrdp/xrdp_caps.c), and then draws
 * its own login and log windows with GlyphIndex and Cache Glyph orders whatever the Glyph Cache Capability
 * Set says (xrdp/xrdp_painter.c), which this client does not decode yet. Without orders xrdp draws with its
 * painter and sends bitmap updates, which render every screen.
 */
public final class ClientCapabilities {

    /** Largest fast-path/slow-path reassembled update this client accepts (Multifragment Update). */
    public static final int MAX_REQUEST_SIZE = 8 * 1024 * 1024;

    /** maxUnacknowledgedFrameCount of the Frame Acknowledge Capability Set (MS-RDPRFX 2.2.1.3). */
    public static final int FRAME_ACKNOWLEDGE_WINDOW = 2;

    private ClientCapabilities() {}

    /** The sets for a desktop of {@code width}x{@code height} at {@code colorDepth}. */
    public static List<CapabilitySet> of(int width, int height, int colorDepth, int keyboardLayout) {
        List<CapabilitySet> caps = new ArrayList<>();
        caps.add(new GeneralCapabilitySet(GeneralCapabilitySet.OSMAJORTYPE_UNIX, GeneralCapabilitySet.OSMINORTYPE_NATIVE_XSERVER,
                GeneralCapabilitySet.TS_CAPS_PROTOCOLVERSION, 0,
                GeneralCapabilitySet.FASTPATH_OUTPUT_SUPPORTED | GeneralCapabilitySet.NO_BITMAP_COMPRESSION_HDR
                        | GeneralCapabilitySet.LONG_CREDENTIALS_SUPPORTED | GeneralCapabilitySet.AUTORECONNECT_SUPPORTED
                        | GeneralCapabilitySet.ENC_SALTED_CHECKSUM,
                0, 0, 0, 1, 1));
        caps.add(new BitmapCapabilitySet(colorDepth, 1, 1, 1, width, height, 1, 1, 0,
                BitmapCapabilitySet.DRAW_ALLOW_SKIP_ALPHA | BitmapCapabilitySet.DRAW_ALLOW_COLOR_SUBSAMPLING
                        | BitmapCapabilitySet.DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY, 1));
        caps.add(new OrderCapabilitySet(Bytes.zeros(16), 1, 20, OrderCapabilitySet.ORD_LEVEL_1_ORDERS, 0,
                OrderCapabilitySet.NEGOTIATEORDERSUPPORT | OrderCapabilitySet.ZEROBOUNDSDELTASSUPPORT
                        | OrderCapabilitySet.COLORINDEXSUPPORT,
                Bytes.zeros(32), 0, 0, 0, 0));
        caps.add(new BitmapCacheCapabilitySet(0, 0, 0, 0, 0, 0));
        caps.add(new PointerCapabilitySet(1, 25, 25));
        caps.add(new InputCapabilitySet(InputCapabilitySet.INPUT_FLAG_SCANCODES | InputCapabilitySet.INPUT_FLAG_MOUSEX
                | InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT2 | InputCapabilitySet.INPUT_FLAG_UNICODE
                | InputCapabilitySet.TS_INPUT_FLAG_MOUSE_HWHEEL, keyboardLayout, 4, 0, 12, ""));
        caps.add(new BrushCapabilitySet(0));
        List<GlyphCacheCapabilitySet.CacheDefinition> glyphs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            glyphs.add(new GlyphCacheCapabilitySet.CacheDefinition(0, 0));
        }
        caps.add(new GlyphCacheCapabilitySet(glyphs, new GlyphCacheCapabilitySet.CacheDefinition(0, 0),
                GlyphCacheCapabilitySet.GLYPH_SUPPORT_NONE));
        caps.add(new OffscreenBitmapCacheCapabilitySet(0, 0, 0));
        caps.add(new VirtualChannelCapabilitySet(VirtualChannelCapabilitySet.VCCAPS_NO_COMPR, 1600));
        caps.add(new SoundCapabilitySet(0));
        caps.add(new ShareCapabilitySet(0));
        caps.add(new FontCapabilitySet(FontCapabilitySet.FONTSUPPORT_FONTLIST));
        caps.add(new ControlCapabilitySet(0, 0, 2, 2));
        caps.add(new WindowActivationCapabilitySet(0, 0, 0, 0));
        caps.add(new ColorCacheCapabilitySet(6));
        caps.add(new MultifragmentUpdateCapabilitySet(MAX_REQUEST_SIZE));
        caps.add(new LargePointerCapabilitySet(LargePointerCapabilitySet.LARGE_POINTER_FLAG_96X96
                | LargePointerCapabilitySet.LARGE_POINTER_FLAG_384X384));
        caps.add(new SurfaceCommandsCapabilitySet(SurfaceCommandsCapabilitySet.SURFCMDS_FRAMEMARKER, 0));
        // frame markers are acknowledged by session.ClientOutput when the server sends this set too (MS-RDPRFX 2.2.1.3)
        caps.add(new dev.porthole.rdp.protocol.pdu.capability.FrameAcknowledgeCapabilitySet(FRAME_ACKNOWLEDGE_WINDOW));
        return caps;
    }
}
