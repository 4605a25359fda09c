package dev.porthole.rdp.protocol.pdu.rdp;

import static dev.porthole.rdp.protocol.Decoding.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.pdu.capability.*;
import org.junit.jupiter.api.Test;

/** MS-RDPBCGR 4.1.12 Demand Active and 4.1.13 Confirm Active, decoded field by field and re-encoded. */
class ActivationGoldenTest {

    static final byte[] DEMAND = HexVectors.load("/vectors/ms-rdpbcgr/4.1.12-ts-demand-active-pdu.hex");
    static final byte[] CONFIRM = HexVectors.load("/vectors/ms-rdpbcgr/4.1.13-ts-confirm-active-pdu.hex");

    /** A byte range [from, to) of a spec example that holds uninitialized data, and the field it belongs to. */
    record Ignored(int from, int to, String field) {}

    /**
     * Asserts that {@code ours} equals {@code spec} except inside the {@code ignored} ranges, where ours
     * must be zero, and that every listed range really differs somewhere (so the list stays honest).
     */
    static void sameExcept(byte[] spec, byte[] ours, List<Ignored> ignored) {
        sameExcept(spec, ours, ignored, true);
    }

    /** As above; with {@code oursZero} false, ours may hold any value in the ignored ranges. */
    static void sameExcept(byte[] spec, byte[] ours, List<Ignored> ignored, boolean oursZero) {
        assertThat(ours).hasSameSizeAs(spec);
        List<String> unexpected = new ArrayList<>();
        for (int i = 0; i < spec.length; i++) {
            int at = i;
            Ignored range = ignored.stream().filter(r -> at >= r.from() && at < r.to()).findFirst().orElse(null);
            if (range == null && spec[i] != ours[i]) {
                unexpected.add(String.format("offset %d: spec %02x, ours %02x", i, spec[i], ours[i]));
            }
            if (range != null && oursZero && ours[i] != 0) {
                unexpected.add(String.format("offset %d (%s): ours %02x, expected 0", i, range.field(), ours[i]));
            }
        }
        assertThat(unexpected).isEmpty();
        for (Ignored r : ignored) {
            boolean differs = false;
            for (int i = r.from(); i < r.to(); i++) {
                differs |= spec[i] != ours[i];
            }
            assertThat(differs).as(r.field() + " holds data in the example").isTrue();
        }
    }

    @Test
    void demandActiveDecodesFieldByField() {
        DemandActivePdu pdu = (DemandActivePdu) decodeAll(DEMAND, ShareControlPdu::decode);
        assertThat(pdu.pduSource()).isEqualTo(1002);
        assertThat(pdu.shareId()).isEqualTo(0x000103ea);
        assertThat(pdu.sourceDescriptor()).isEqualTo(Bytes.ofHex("52445000"));
        assertThat(pdu.sessionId()).isZero();
        assertThat(pdu.capabilitySets()).hasSize(13);
        assertThat(pdu.capabilitySets().stream().map(CapabilitySet::type).toList()).containsExactly(
                0x09, 0x01, 0x14, 0x16, 0x0e, 0x02, 0x03, 0x0a, 0x12, 0x08, 0x0d, 0x17, 0x18);
        assertThat(pdu.capability(ShareCapabilitySet.class)).isEqualTo(new ShareCapabilitySet(1002));
        assertThat(pdu.capability(GeneralCapabilitySet.class)).isEqualTo(new GeneralCapabilitySet(
                GeneralCapabilitySet.OSMAJORTYPE_WINDOWS, GeneralCapabilitySet.OSMINORTYPE_WINDOWS_NT,
                GeneralCapabilitySet.TS_CAPS_PROTOCOLVERSION, 0,
                GeneralCapabilitySet.NO_BITMAP_COMPRESSION_HDR | GeneralCapabilitySet.ENC_SALTED_CHECKSUM
                        | GeneralCapabilitySet.AUTORECONNECT_SUPPORTED | GeneralCapabilitySet.LONG_CREDENTIALS_SUPPORTED
                        | GeneralCapabilitySet.FASTPATH_OUTPUT_SUPPORTED, 0, 0, 0, 1, 1));
        assertThat(pdu.capability(VirtualChannelCapabilitySet.class)).isEqualTo(
                new VirtualChannelCapabilitySet(VirtualChannelCapabilitySet.VCCAPS_COMPR_CS_8K, null));
        assertThat(pdu.capabilitySets().get(3)).isInstanceOfSatisfying(UnknownCapabilitySet.class,
                u -> assertThat(u.body().length()).isEqualTo(36)); // DrawGdiPlus, kept raw
        assertThat(pdu.capability(FontCapabilitySet.class)).as("the 4-byte Font set of the example")
                .isEqualTo(new FontCapabilitySet(null));
        assertThat(pdu.capability(BitmapCapabilitySet.class)).isEqualTo(
                new BitmapCapabilitySet(24, 1, 1, 1, 1280, 1024, 1, 1, 0, 0, 1));
        OrderCapabilitySet order = pdu.capability(OrderCapabilitySet.class);
        assertThat(order.orderFlags()).isEqualTo(OrderCapabilitySet.COLORINDEXSUPPORT | OrderCapabilitySet.NEGOTIATEORDERSUPPORT);
        assertThat(order.supports(OrderCapabilitySet.TS_NEG_DSTBLT_INDEX)).isTrue();
        assertThat(order.supports(0x05)).isFalse();
        assertThat(order.supports(OrderCapabilitySet.TS_NEG_INDEX_INDEX)).isTrue();
        assertThat(order.textFlags()).isEqualTo(0x06a1);
        assertThat(order.desktopSaveSize()).isEqualTo(1000000);
        assertThat(pdu.capability(ColorCacheCapabilitySet.class)).isEqualTo(new ColorCacheCapabilitySet(6));
        assertThat(pdu.capability(BitmapCacheHostSupportCapabilitySet.class)).isEqualTo(
                new BitmapCacheHostSupportCapabilitySet(BitmapCacheHostSupportCapabilitySet.TS_BITMAPCACHE_REV2));
        assertThat(pdu.capability(PointerCapabilitySet.class)).isEqualTo(new PointerCapabilitySet(1, 25, 25));
        InputCapabilitySet input = pdu.capability(InputCapabilitySet.class);
        assertThat(input.inputFlags()).isEqualTo(InputCapabilitySet.INPUT_FLAG_FASTPATH_INPUT2
                | InputCapabilitySet.INPUT_FLAG_UNICODE | InputCapabilitySet.INPUT_FLAG_MOUSEX
                | InputCapabilitySet.INPUT_FLAG_SCANCODES);
        assertThat(pdu.capabilitySets().get(11)).isEqualTo(new UnknownCapabilitySet(0x17, Bytes.ofHex("00000000")));
        assertThat(pdu.capabilitySets().get(12)).isEqualTo(new UnknownCapabilitySet(0x18, Bytes.ofHex("00000000000000")));
    }

    /**
     * Our encoder writes zeros where the specification says "padding, ignored" and keeps what an input
     * capability's IME name holds up to its NUL; the example's server left uninitialized memory in those
     * places. Everything else is reproduced byte for byte.
     */
    @Test
    void demandActiveReencodesExceptUninitializedPadding() {
        DemandActivePdu pdu = (DemandActivePdu) decodeAll(DEMAND, ShareControlPdu::decode);
        byte[] ours = HexVectors.encode(pdu::encode);
        assertThat(pdu.size()).isEqualTo(DEMAND.length);
        sameExcept(DEMAND, ours, List.of(
                new Ignored(28, 30, "TS_SHARE_CAPABILITYSET.pad2octets"),
                new Ignored(154, 158, "TS_ORDER_CAPABILITYSET.pad4octetsA"),
                new Ignored(206, 210, "TS_ORDER_CAPABILITYSET.pad4octetsB"),
                new Ignored(214, 216, "TS_ORDER_CAPABILITYSET.pad2octetsC"),
                new Ignored(288, 336, "TS_INPUT_CAPABILITYSET.imeFileName after its NUL")));
        assertThat(decodeAll(ours, ShareControlPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void confirmActiveDecodesFieldByField() {
        ConfirmActivePdu pdu = (ConfirmActivePdu) decodeAll(CONFIRM, ShareControlPdu::decode);
        assertThat(pdu.pduSource()).isEqualTo(1007);
        assertThat(pdu.shareId()).isEqualTo(0x000103ea);
        assertThat(pdu.originatorId()).isEqualTo(ConfirmActivePdu.SERVER_CHANNEL_ID);
        assertThat(pdu.sourceDescriptor()).isEqualTo(Bytes.ofHex("4d5354534300"));
        assertThat(pdu.capabilitySets().stream().map(CapabilitySet::type).toList()).containsExactly(
                0x01, 0x02, 0x03, 0x13, 0x0a, 0x07, 0x05, 0x08, 0x09, 0x0d, 0x0c, 0x0e, 0x10, 0x0f, 0x11, 0x14, 0x15, 0x16);
        assertThat(pdu.capability(GeneralCapabilitySet.class).extraFlags()).isEqualTo(0x041d);
        assertThat(pdu.capability(GeneralCapabilitySet.class).refreshRectSupport()).isZero();
        assertThat(pdu.capability(BitmapCapabilitySet.class)).isEqualTo(
                new BitmapCapabilitySet(24, 1, 1, 1, 1280, 1024, 1, 1, 0, 0, 1));
        OrderCapabilitySet order = pdu.capability(OrderCapabilitySet.class);
        assertThat(order.orderFlags()).isEqualTo(OrderCapabilitySet.COLORINDEXSUPPORT
                | OrderCapabilitySet.ZEROBOUNDSDELTASSUPPORT | OrderCapabilitySet.NEGOTIATEORDERSUPPORT);
        assertThat(order.desktopSaveSize()).isEqualTo(230400);
        assertThat(order.textAnsiCodePage()).isEqualTo(1252);
        assertThat(order.terminalDescriptor()).isEqualTo(Bytes.zeros(16));
        assertThat(pdu.capability(BitmapCacheRev2CapabilitySet.class)).isEqualTo(new BitmapCacheRev2CapabilitySet(
                BitmapCacheRev2CapabilitySet.PERSISTENT_KEYS_EXPECTED_FLAG | BitmapCacheRev2CapabilitySet.ALLOW_CACHE_WAITING_LIST_FLAG,
                3, List.of(new BitmapCacheRev2CapabilitySet.CellInfo(120, false), new BitmapCacheRev2CapabilitySet.CellInfo(120, false),
                        new BitmapCacheRev2CapabilitySet.CellInfo(2555, true), new BitmapCacheRev2CapabilitySet.CellInfo(0, false),
                        new BitmapCacheRev2CapabilitySet.CellInfo(0, false))));
        assertThat(pdu.capability(ColorCacheCapabilitySet.class)).isEqualTo(new ColorCacheCapabilitySet(6));
        assertThat(pdu.capability(WindowActivationCapabilitySet.class)).isEqualTo(new WindowActivationCapabilitySet(0, 0, 0, 0));
        assertThat(pdu.capability(ControlCapabilitySet.class)).isEqualTo(new ControlCapabilitySet(0, 0,
                ControlCapabilitySet.CONTROLPRIORITY_NEVER, ControlCapabilitySet.CONTROLPRIORITY_NEVER));
        assertThat(pdu.capability(PointerCapabilitySet.class)).isEqualTo(new PointerCapabilitySet(1, 20, 21));
        assertThat(pdu.capability(ShareCapabilitySet.class)).isEqualTo(new ShareCapabilitySet(0));
        assertThat(pdu.capability(InputCapabilitySet.class)).isEqualTo(new InputCapabilitySet(
                InputCapabilitySet.INPUT_FLAG_UNICODE | InputCapabilitySet.INPUT_FLAG_MOUSEX | InputCapabilitySet.INPUT_FLAG_SCANCODES,
                0x409, 4, 0, 12, ""));
        assertThat(pdu.capability(SoundCapabilitySet.class)).isEqualTo(new SoundCapabilitySet(SoundCapabilitySet.SOUND_FLAG_BEEPS));
        assertThat(pdu.capability(FontCapabilitySet.class)).isEqualTo(new FontCapabilitySet(FontCapabilitySet.FONTSUPPORT_FONTLIST));
        GlyphCacheCapabilitySet glyph = pdu.capability(GlyphCacheCapabilitySet.class);
        assertThat(glyph.glyphCache().stream().map(GlyphCacheCapabilitySet.CacheDefinition::cacheMaximumCellSize).toList())
                .containsExactly(4, 4, 8, 8, 16, 32, 64, 128, 256, 2048); // the annotation says 256 for the last; the bytes say 0x0800
        assertThat(glyph.glyphCache().get(9).cacheEntries()).isEqualTo(64);
        assertThat(glyph.fragCache()).isEqualTo(new GlyphCacheCapabilitySet.CacheDefinition(256, 256));
        assertThat(glyph.glyphSupportLevel()).isEqualTo(GlyphCacheCapabilitySet.GLYPH_SUPPORT_ENCODE);
        assertThat(pdu.capability(BrushCapabilitySet.class)).isEqualTo(new BrushCapabilitySet(BrushCapabilitySet.BRUSH_COLOR_8X8));
        assertThat(pdu.capability(OffscreenBitmapCacheCapabilitySet.class)).isEqualTo(
                new OffscreenBitmapCacheCapabilitySet(1, 7680, 100));
        assertThat(pdu.capability(VirtualChannelCapabilitySet.class)).isEqualTo(
                new VirtualChannelCapabilitySet(VirtualChannelCapabilitySet.VCCAPS_COMPR_SC, null));
        assertThat(pdu.capabilitySets().get(16)).isEqualTo(new UnknownCapabilitySet(0x15, Bytes.ofHex("0200000000 0a0001")));
        assertThat(pdu.capabilitySets().get(17)).isEqualTo(new UnknownCapabilitySet(0x16, Bytes.zeros(36)));
    }

    @Test
    void confirmActiveReencodesExceptUninitializedPadding() {
        ConfirmActivePdu pdu = (ConfirmActivePdu) decodeAll(CONFIRM, ShareControlPdu::decode);
        byte[] ours = HexVectors.encode(pdu::encode);
        assertThat(pdu.size()).isEqualTo(CONFIRM.length);
        sameExcept(CONFIRM, ours, List.of(new Ignored(262, 264, "TS_INPUT_CAPABILITYSET.pad2octetsA")));
        assertThat(decodeAll(ours, ShareControlPdu::decode)).isEqualTo(pdu);
    }
}
