package dev.porthole.rdp.protocol.pdu.rdp;

import static dev.porthole.rdp.protocol.Arb.buf;
import static dev.porthole.rdp.protocol.Arb.bytes;
import static dev.porthole.rdp.protocol.Arb.i32;
import static dev.porthole.rdp.protocol.Arb.u16;
import static dev.porthole.rdp.protocol.Arb.u8;

import java.util.List;

import dev.porthole.rdp.protocol.Arb;
import dev.porthole.rdp.protocol.pdu.capability.CapabilityPropertiesTest;
import dev.porthole.rdp.protocol.pdu.gcc.MonitorDef;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of the slow-path PDUs, Client Info, message channel PDUs and output updates. */
class RdpPropertiesTest {

    // --- Client Info -------------------------------------------------------------------------------

    static Arbitrary<SystemTime> systemTime() {
        return Combinators.combine(u16(), u16(), u16(), u16(), u16(), u16(), u16(), u16()).as(SystemTime::new);
    }

    static Arbitrary<TimeZoneInformation> timeZone() {
        return Combinators.combine(i32(), Arb.text(32), systemTime(), i32(), Arb.text(32), systemTime(), i32())
                .as(TimeZoneInformation::new);
    }

    static Arbitrary<ArcCsPrivatePacket> arcCs() {
        return Combinators.combine(i32(), i32(), bytes(16)).as(ArcCsPrivatePacket::new);
    }

    static Arbitrary<ExtendedInfoPacket> extendedInfo(boolean unicode) {
        Arbitrary<String> address = unicode ? Arb.text(39) : Arb.ansi(79);
        Arbitrary<String> dir = unicode ? Arb.text(255) : Arb.ansi(511);
        return Arbitraries.integers().between(0, 8).flatMap(n -> Combinators.combine(
                        Arbitraries.of(ExtendedInfoPacket.AF_INET, ExtendedInfoPacket.AF_INET6), address, dir,
                        timeZone(), i32(), i32(), arcCs().injectNull(0.5), u16())
                .flatAs((family, a, d, tz, sid, perf, arc, r1) -> Combinators.combine(u16(), Arb.text(127), Arbitraries.of(true, false))
                        .as((r2, dst, dis) -> new ExtendedInfoPacket(family, a, d, n, n >= 1 ? tz : null, n >= 2 ? sid : 0,
                                n >= 3 ? perf : 0, n >= 4 ? arc : null, n >= 5 ? r1 : 0, n >= 6 ? r2 : 0, n >= 7 ? dst : "",
                                n >= 8 && dis))));
    }

    @Provide
    Arbitrary<InfoPacket> infoPackets() {
        return Arbitraries.of(true, false).flatMap(unicode -> {
            Arbitrary<String> s = unicode ? Arb.text(255) : Arb.ansi(511);
            int flagsBase = unicode ? InfoPacket.INFO_UNICODE : 0;
            return Combinators.combine(i32(), i32().map(f -> (f & ~InfoPacket.INFO_UNICODE) | flagsBase), s, s, s, s, s,
                    extendedInfo(unicode).injectNull(0.2)).as(InfoPacket::new);
        });
    }

    @Property(tries = 300)
    void clientInfoRoundTrips(@ForAll("infoPackets") InfoPacket info) {
        ClientInfoPdu pdu = new ClientInfoPdu(info);
        Arb.roundTrip(pdu, pdu::encode, pdu.size(), ClientInfoPdu::decode);
    }

    // --- Share control PDUs ------------------------------------------------------------------------

    static Arbitrary<Rectangle16> rect() {
        return Combinators.combine(u16(), u16(), u16(), u16()).as(Rectangle16::new);
    }

    static Arbitrary<LogonInfo> logonInfo() {
        return Arbitraries.oneOf(
                Combinators.combine(Arb.text(25), Arb.text(255), i32()).as(LogonInfoV1::new),
                Combinators.combine(u16(), i32(), Arb.text(100), Arb.text(100)).as(LogonInfoV2::new),
                Arbitraries.just(new PlainNotify()),
                Combinators.combine(Combinators.combine(i32(), i32(), bytes(16)).as(ArcScPrivatePacket::new).injectNull(0.3),
                        Combinators.combine(i32(), i32()).as(LogonErrorsInfo::new).injectNull(0.3)).as(LogonInfoExtended::new));
    }

    static Arbitrary<BitmapData> bitmapData() {
        return Combinators.combine(u16(), u16(), u16(), u16(), u16(), u16(), u16(), u16())
                .flatAs((l, t, r, b, w, h, bpp, flags) -> Combinators.combine(
                        Combinators.combine(u16(), u16(), u16(), u16()).as(CompressedDataHeader::new), buf(64))
                        .as((hdr, data) -> {
                            boolean header = (flags & BitmapData.BITMAP_COMPRESSION) != 0
                                    && (flags & BitmapData.NO_BITMAP_COMPRESSION_HDR) == 0;
                            return new BitmapData(l, t, r, b, w, h, bpp, flags, header ? hdr : null, data);
                        }));
    }

    static Arbitrary<GraphicsUpdate> graphicsUpdate() {
        return Arbitraries.oneOf(
                bitmapData().list().ofMaxSize(4).map(BitmapUpdate::new),
                Arbitraries.integers().between(0, 0xFFFFFF).list().ofMaxSize(256).map(PaletteUpdate::new),
                Arbitraries.just(new SynchronizeUpdate()),
                Combinators.combine(u16(), buf(80)).as(OrdersUpdate::new));
    }

    static Arbitrary<ColorPointer> colorPointer() {
        return Combinators.combine(u16(), u16(), u16(), u16(), u16(), buf(100), buf(40)).as(ColorPointer::new);
    }

    static Arbitrary<PointerUpdate> slowPathPointer() {
        return Arbitraries.oneOf(
                i32().map(SystemPointer::new),
                Combinators.combine(u16(), u16()).as(PointerPosition::new),
                colorPointer().map(p -> (PointerUpdate) p),
                Combinators.combine(u16(), colorPointer()).as(NewPointer::new),
                u16().map(CachedPointer::new));
    }

    static Arbitrary<ShareData> shareData() {
        Arbitrary<List<Integer>> five = u16().list().ofSize(5);
        Arbitrary<PersistentKeyListPdu> keys = Combinators.combine(Arbitraries.integers().between(0, 4).list().ofSize(5), five, u8())
                .flatAs((num, total, mask) -> Arbitraries.longs().list().ofSize(num.stream().mapToInt(Integer::intValue).sum())
                        .map(k -> new PersistentKeyListPdu(num, total, mask, k)));
        Arbitrary<MonitorDef> monitor = Combinators.combine(Arbitraries.integers().between(-5000, 5000),
                        Arbitraries.integers().between(-5000, 5000), Arbitraries.integers().between(0, 4000),
                        Arbitraries.integers().between(0, 4000), i32())
                .as((l, t, w, h, f) -> new MonitorDef(l, t, l + w, t + h, f));
        Arbitrary<InputPdu.Event> event = Combinators.combine(i32(), u16(), u16(), u16(), u16()).as(InputPdu.Event::new);
        return Arbitraries.oneOf(List.of(
                graphicsUpdate().map(UpdatePdu::new),
                slowPathPointer().map(PointerPdu::new),
                event.list().ofMaxSize(10).map(InputPdu::new),
                Combinators.combine(u16(), u16()).as(SynchronizePdu::new),
                Combinators.combine(u16(), u16(), i32()).as(ControlPdu::new),
                rect().list().ofMaxSize(10).map(RefreshRectPdu::new),
                Combinators.combine(i32(), i32()).as(PlaySoundPdu::new),
                rect().injectNull(0.5).map(r -> r == null ? SuppressOutputPdu.suppress() : SuppressOutputPdu.allow(r)),
                Arbitraries.just(new ShutdownRequestPdu()),
                Arbitraries.just(new ShutdownDeniedPdu()),
                logonInfo().map(SaveSessionInfoPdu::new),
                Combinators.combine(u16(), u16(), u16(), u16()).as(FontListPdu::new),
                Combinators.combine(u16(), u16(), u16(), u16()).as(FontMapPdu::new),
                Combinators.combine(u16(), u16()).as(SetKeyboardIndicatorsPdu::new),
                keys.map(k -> (ShareData) k),
                Combinators.combine(u16(), i32(), i32()).as(SetKeyboardImeStatusPdu::new),
                i32().map(SetErrorInfoPdu::new),
                i32().map(AutoReconnectStatusPdu::new),
                i32().map(StatusInfoPdu::new),
                monitor.list().ofMaxSize(MonitorLayoutPdu.MAX_MONITORS).map(MonitorLayoutPdu::new),
                i32().map(FrameAcknowledgePdu::new),
                Combinators.combine(Arbitraries.of(0x2c, 0x2e, 0x30, 0x31, 0x99), bytes(0, 40)).as(UnknownShareData::new)));
    }

    @Provide
    Arbitrary<ShareControlPdu> shareControlPdus() {
        Arbitrary<ShareControlPdu> data = Combinators.combine(u16(), i32(), Arbitraries.of(0, 1, 2, 4), shareData())
                .as(ShareDataPdu::new);
        Arbitrary<ShareControlPdu> demand = Combinators.combine(u16(), i32(), bytes(0, 10),
                CapabilityPropertiesTest.capabilitySets().list().ofMaxSize(15), i32().injectNull(0.2)).as(DemandActivePdu::new);
        Arbitrary<ShareControlPdu> confirm = Combinators.combine(u16(), i32(), u16(), bytes(0, 10),
                CapabilityPropertiesTest.capabilitySets().list().ofMaxSize(15)).as(ConfirmActivePdu::new);
        Arbitrary<ShareControlPdu> deactivate = Combinators.combine(u16(), i32(), bytes(0, 10)).as(DeactivateAllPdu::new);
        Arbitrary<ShareControlPdu> redirect = Combinators.combine(u16(), bytes(0, 60)).as(ServerRedirectionPdu::new);
        Arbitrary<ShareControlPdu> flow = Combinators.combine(u16(), u8(), u8(), u16()).as(FlowPdu::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, data), net.jqwik.api.Tuple.of(2, demand),
                net.jqwik.api.Tuple.of(2, confirm), net.jqwik.api.Tuple.of(1, deactivate), net.jqwik.api.Tuple.of(1, redirect),
                net.jqwik.api.Tuple.of(1, flow));
    }

    @Property(tries = 1500)
    void shareControlPdusRoundTrip(@ForAll("shareControlPdus") ShareControlPdu pdu) {
        Arb.roundTrip(pdu, pdu::encode, pdu.size(), ShareControlPdu::decode);
    }

    // --- Message channel ----------------------------------------------------------------------------

    @Provide
    Arbitrary<MessageChannelPdu> messageChannelPdus() {
        Arbitrary<AutoDetectRequest> request = Arbitraries.oneOf(
                Combinators.combine(u16(), Arbitraries.of(0x0001, 0x1001)).as(AutoDetectRequest.RttRequest::new),
                Combinators.combine(u16(), Arbitraries.of(0x0014, 0x0114, 0x1014)).as(AutoDetectRequest.BandwidthStart::new),
                Combinators.combine(u16(), buf(200)).as(AutoDetectRequest.BandwidthPayload::new),
                Combinators.combine(u16(), buf(50)).as((s, p) -> new AutoDetectRequest.BandwidthStop(s, 0x002B, p)),
                Combinators.combine(u16(), Arbitraries.of(0x0429, 0x0629)).as((s, t) -> new AutoDetectRequest.BandwidthStop(s, t,
                        io.netty.buffer.Unpooled.EMPTY_BUFFER)),
                Combinators.combine(u16(), Arbitraries.of(0x0840, 0x0880, 0x08C0), i32(), i32(), i32())
                        .as((s, t, base, bw, avg) -> new AutoDetectRequest.NetworkCharacteristicsResult(s, t,
                                t != 0x0880 ? base : null, t != 0x0840 ? bw : null, avg)));
        Arbitrary<AutoDetectResponse> response = Arbitraries.oneOf(
                u16().map(AutoDetectResponse.RttResponse::new),
                Combinators.combine(u16(), Arbitraries.of(0x0003, 0x000B), i32(), i32()).as(AutoDetectResponse.BandwidthResults::new),
                Combinators.combine(u16(), i32(), i32()).as(AutoDetectResponse.NetworkCharacteristicsSync::new));
        return Arbitraries.oneOf(
                request.map(AutoDetectRequestPdu::new),
                response.map(AutoDetectResponsePdu::new),
                Combinators.combine(u8(), u8(), u8()).as(HeartbeatPdu::new),
                Combinators.combine(i32(), u16(), bytes(16)).as(InitiateMultitransportRequestPdu::new),
                Combinators.combine(i32(), i32()).as(InitiateMultitransportResponsePdu::new));
    }

    @Property(tries = 500)
    void messageChannelPdusRoundTrip(@ForAll("messageChannelPdus") MessageChannelPdu pdu) {
        Arb.roundTrip(pdu, pdu::encode, pdu.size(), MessageChannelPdu::decode);
    }

    // --- Fast-path output update contents ------------------------------------------------------------

    @Provide
    public static Arbitrary<OutputUpdate> outputUpdates() {
        Arbitrary<BitmapDataEx> ex = Combinators.combine(u8(), u8(), u16(), u16(),
                Combinators.combine(i32(), i32(), Arbitraries.longs(), Arbitraries.longs()).as(BitmapDataEx.ExBitmapDataHeader::new)
                        .injectNull(0.5), buf(80)).as(BitmapDataEx::new);
        Arbitrary<SurfaceCommand> command = Arbitraries.oneOf(
                Combinators.combine(u16(), u16(), u16(), u16(), ex).as(SurfaceBits::set),
                Combinators.combine(u16(), u16(), u16(), u16(), ex).as(SurfaceBits::stream),
                Combinators.combine(u16(), i32()).as(FrameMarker::new));
        Arbitrary<OutputUpdate> large = Combinators.combine(u16(), u16(), u16(), u16(), Arbitraries.integers().between(0, 384),
                Arbitraries.integers().between(0, 384), buf(200), buf(60)).as(LargePointer::new);
        return Arbitraries.oneOf(
                graphicsUpdate().map(g -> (OutputUpdate) g),
                Arbitraries.of(SystemPointer.SYSPTR_NULL, SystemPointer.SYSPTR_DEFAULT).map(SystemPointer::new),
                slowPathPointer().filter(p -> !(p instanceof SystemPointer)).map(p -> (OutputUpdate) p),
                large,
                command.list().ofMaxSize(5).map(SurfaceCommandsUpdate::new));
    }

    @Property(tries = 800)
    void outputUpdatesRoundTripThroughTheirFastPathForm(@ForAll("outputUpdates") OutputUpdate update) {
        Arb.roundTrip(update, update::encodeFastPath, update.fastPathSize(),
                in -> OutputUpdate.decodeFastPath(update.fastPathUpdateCode(), in));
    }
}
