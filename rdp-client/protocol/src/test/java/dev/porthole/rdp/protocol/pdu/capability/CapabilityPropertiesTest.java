package dev.porthole.rdp.protocol.pdu.capability;

import static dev.porthole.rdp.protocol.Arb.bytes;
import static dev.porthole.rdp.protocol.Arb.i32;
import static dev.porthole.rdp.protocol.Arb.u16;
import static dev.porthole.rdp.protocol.Arb.u8;

import java.util.List;
import java.util.UUID;

import dev.porthole.rdp.protocol.Arb;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every capability set round-trips: decode(encode(x)) == x and size() is the encoded length. */
public class CapabilityPropertiesTest {

    @Provide
    public static Arbitrary<CapabilitySet> capabilitySets() {
        Arbitrary<GlyphCacheCapabilitySet.CacheDefinition> def = Combinators.combine(u16(), u16())
                .as(GlyphCacheCapabilitySet.CacheDefinition::new);
        Arbitrary<BitmapCacheRev2CapabilitySet.CellInfo> cell = Combinators.combine(
                Arbitraries.integers().between(0, 0x7FFFFFFF), Arbitraries.of(true, false)).as(BitmapCacheRev2CapabilitySet.CellInfo::new);
        Arbitrary<BitmapCodecsCapabilitySet.BitmapCodec> codec = Combinators.combine(
                Arbitraries.of(BitmapCodecsCapabilitySet.CODEC_GUID_NSCODEC, BitmapCodecsCapabilitySet.CODEC_GUID_REMOTEFX,
                        BitmapCodecsCapabilitySet.CODEC_GUID_IMAGE_REMOTEFX, BitmapCodecsCapabilitySet.CODEC_GUID_IGNORE,
                        new UUID(0x0123456789abcdefL, 0xfedcba9876543210L)),
                u8(), bytes(0, 60)).as(BitmapCodecsCapabilitySet.BitmapCodec::new);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(u16(), u16(), u16(), u16(), u16(), u16(), u16(), u16())
                        .flatAs((a, b, c, d, e, f, g, h) -> Combinators.combine(u8(), u8())
                                .as((r, s) -> (CapabilitySet) new GeneralCapabilitySet(a, b, c, d, e, f, g, h, r, s))),
                Combinators.combine(u16(), u16(), u16(), u16(), u16(), u16(), u16(), u16())
                        .flatAs((a, b, c, d, e, f, g, h) -> Combinators.combine(u8(), u8(), u16())
                                .as((i, j, k) -> (CapabilitySet) new BitmapCapabilitySet(a, b, c, d, e, f, g, h, i, j, k))),
                Combinators.combine(bytes(16), u16(), u16(), u16(), u16(), u16(), bytes(32), u16())
                        .flatAs((t, x, y, l, f, o, s, tf) -> Combinators.combine(u16(), i32(), u16())
                                .as((ex, save, cp) -> (CapabilitySet) new OrderCapabilitySet(t, x, y, l, f, o, s, tf, ex, save, cp))),
                Combinators.combine(u16(), u16(), u16(), u16(), u16(), u16()).as(BitmapCacheCapabilitySet::new),
                Combinators.combine(u16(), Arbitraries.integers().between(0, 5), cell.list().ofSize(5))
                        .as(BitmapCacheRev2CapabilitySet::new),
                Combinators.combine(u16(), u16(), u16().injectNull(0.3)).as(PointerCapabilitySet::new),
                Combinators.combine(u16(), i32(), i32(), i32(), i32(), Arb.text(31)).as(InputCapabilitySet::new),
                i32().map(BrushCapabilitySet::new),
                Combinators.combine(def.list().ofSize(10), def, u16()).as(GlyphCacheCapabilitySet::new),
                Combinators.combine(i32(), u16(), u16()).as(OffscreenBitmapCacheCapabilitySet::new),
                Combinators.combine(i32(), i32().injectNull(0.3)).as(VirtualChannelCapabilitySet::new),
                u16().map(SoundCapabilitySet::new),
                u8().map(BitmapCacheHostSupportCapabilitySet::new),
                Combinators.combine(u16(), u16(), u16(), u16()).as(ControlCapabilitySet::new),
                Combinators.combine(u16(), u16(), u16(), u16()).as(WindowActivationCapabilitySet::new),
                u16().map(ShareCapabilitySet::new),
                u16().injectNull(0.3).map(FontCapabilitySet::new),
                u16().map(ColorCacheCapabilitySet::new),
                u16().map(LargePointerCapabilitySet::new),
                i32().map(MultifragmentUpdateCapabilitySet::new),
                Combinators.combine(i32(), i32()).as(SurfaceCommandsCapabilitySet::new),
                codec.list().ofMaxSize(5).map(BitmapCodecsCapabilitySet::new),
                i32().map(FrameAcknowledgeCapabilitySet::new),
                u16().map(DesktopCompositionCapabilitySet::new),
                Combinators.combine(Arbitraries.of(0x15, 0x16, 0x17, 0x18, 0x1f, 0x7777), bytes(0, 50)).as(UnknownCapabilitySet::new)));
    }

    @Property(tries = 1000)
    void everySetRoundTrips(@ForAll("capabilitySets") CapabilitySet set) {
        Arb.roundTrip(set, set::encode, set.size(), CapabilitySet::decode);
    }

    @Provide
    Arbitrary<List<CapabilitySet>> capabilitySetLists() {
        return capabilitySets().list().ofMaxSize(25);
    }

    @Property(tries = 100)
    void listsOfSetsRoundTrip(@ForAll("capabilitySetLists") List<CapabilitySet> sets) {
        Arb.roundTrip(sets, out -> sets.forEach(s -> s.encode(out)), CapabilitySet.sizeOf(sets),
                in -> CapabilitySet.decodeAll(in, sets.size(), "test"));
    }
}
