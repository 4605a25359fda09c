package dev.porthole.rdp.protocol.pdu.rdp;

import static dev.porthole.rdp.protocol.Decoding.decode;
import static dev.porthole.rdp.protocol.Decoding.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.gcc.MonitorDef;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Session PDUs: message channel (auto-detect, heartbeat, multitransport), error info, graphics, channels. */
class SessionPduTest {

    @Test
    void everyErrorInfoCodeOfTheSpecHasItsNameAndASentence() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/vectors/ms-rdpbcgr/2.2.5.1.1-errorinfo-codes.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
        assertThat(lines).hasSize(120);
        Set<String> sentences = new HashSet<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            int code = Integer.parseUnsignedInt(parts[1].substring(2), 16);
            assertThat(ErrorInfo.isKnown(code)).as(line).isTrue();
            assertThat(ErrorInfo.name(code)).isEqualTo(parts[0]);
            String sentence = ErrorInfo.describe(code);
            assertThat(sentence).as(line).endsWith(".").doesNotContain("does not know").doesNotContain("ERRINFO");
            sentences.add(sentence);
        }
        assertThat(ErrorInfo.knownCodes()).hasSize(120);
        assertThat(sentences).as("one sentence per code, except the repeated extended-info truncations").hasSizeGreaterThan(110);
        assertThat(ErrorInfo.describe(0x1234)).contains("0x00001234").contains("does not know");
        assertThat(new SetErrorInfoPdu(ErrorInfo.ERRINFO_IDLE_TIMEOUT).describe()).contains("idle");
        assertThat(ErrorInfo.isIntentional(ErrorInfo.ERRINFO_LOGOFF_BY_USER)).isTrue();
        assertThat(ErrorInfo.isIntentional(ErrorInfo.ERRINFO_SERVER_REBOOT)).isFalse();
    }

    @Test
    void setErrorInfoPduRoundTrips() {
        ShareDataPdu pdu = new ShareDataPdu(1002, 0x103ea, ShareDataPdu.STREAM_LOW,
                new SetErrorInfoPdu(ErrorInfo.ERRINFO_DISCONNECTED_BY_OTHERCONNECTION));
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).endsWith(0x2f, 0, 0, 0, 5, 0, 0, 0);
        assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void rttRequestIsAnsweredWithItsSequenceNumber() {
        byte[] request = HexVectors.parse("00 10 00 00 06 00 2a 00 01 10"); // SEC_AUTODETECT_REQ, RTT request #42 at connect time
        AutoDetectRequestPdu pdu = (AutoDetectRequestPdu) decodeAll(request, MessageChannelPdu::decode);
        AutoDetectRequest.RttRequest rtt = (AutoDetectRequest.RttRequest) pdu.request();
        assertThat(rtt.sequenceNumber()).isEqualTo(42);
        assertThat(rtt.requestType()).isEqualTo(AutoDetectRequest.RTT_REQUEST_CONNECT_TIME);
        AutoDetectResponsePdu response = new AutoDetectResponsePdu(AutoDetectResponse.RttResponse.answering(rtt));
        byte[] bytes = HexVectors.encode(response::encode);
        assertThat(bytes).isEqualTo(HexVectors.parse("00 20 00 00 06 01 2a 00 00 00"));
        assertThat(response.size()).isEqualTo(bytes.length);
        assertThat(decodeAll(bytes, MessageChannelPdu::decode)).isEqualTo(response);
    }

    @Test
    void bandwidthMeasurementMessages() {
        byte[] start = HexVectors.parse("00 10 00 00 06 00 01 00 14 10");
        assertThat(decodeAll(start, MessageChannelPdu::decode)).isEqualTo(
                new AutoDetectRequestPdu(new AutoDetectRequest.BandwidthStart(1, AutoDetectRequest.BW_START_CONNECT_TIME)));
        byte[] payload = HexVectors.parse("00 10 00 00 08 00 02 00 02 00 03 00 aa bb cc");
        decode(payload, buf -> {
            AutoDetectRequest.BandwidthPayload p = (AutoDetectRequest.BandwidthPayload)
                    ((AutoDetectRequestPdu) MessageChannelPdu.decode(buf)).request();
            assertThat(p.payload().readableBytes()).isEqualTo(3);
            assertThat(HexVectors.encode(new AutoDetectRequestPdu(p)::encode)).isEqualTo(payload);
            return null;
        });
        byte[] stop = HexVectors.parse("00 10 00 00 08 00 03 00 2b 00 01 00 ff");
        decode(stop, buf -> {
            AutoDetectRequest.BandwidthStop s = (AutoDetectRequest.BandwidthStop)
                    ((AutoDetectRequestPdu) MessageChannelPdu.decode(buf)).request();
            assertThat(s.payload().readableBytes()).isEqualTo(1);
            return null;
        });
        AutoDetectResponsePdu results = new AutoDetectResponsePdu(new AutoDetectResponse.BandwidthResults(3,
                AutoDetectResponse.BW_RESULTS_CONNECT_TIME, 120, 15000));
        byte[] bytes = HexVectors.encode(results::encode);
        assertThat(bytes).isEqualTo(HexVectors.parse("00 20 00 00 0e 01 03 00 03 00 78 00 00 00 98 3a 00 00"));
        assertThat(decodeAll(bytes, MessageChannelPdu::decode)).isEqualTo(results);
    }

    @Test
    void networkCharacteristicsResultHasTheFieldsItsTypeNames() {
        byte[] all = HexVectors.parse("00 10 00 00 12 00 04 00 c0 08 0a 00 00 00 e8 03 00 00 14 00 00 00");
        AutoDetectRequest.NetworkCharacteristicsResult r = (AutoDetectRequest.NetworkCharacteristicsResult)
                ((AutoDetectRequestPdu) decodeAll(all, MessageChannelPdu::decode)).request();
        assertThat(r.baseRtt()).isEqualTo(10);
        assertThat(r.bandwidth()).isEqualTo(1000);
        assertThat(r.averageRtt()).isEqualTo(20);
        byte[] partial = HexVectors.parse("00 10 00 00 0e 00 05 00 80 08 e8 03 00 00 14 00 00 00");
        AutoDetectRequest.NetworkCharacteristicsResult p = (AutoDetectRequest.NetworkCharacteristicsResult)
                ((AutoDetectRequestPdu) decodeAll(partial, MessageChannelPdu::decode)).request();
        assertThat(p.baseRtt()).isNull();
        assertThat(p.bandwidth()).isEqualTo(1000);
        byte[] wrongLength = partial.clone();
        wrongLength[4] = 0x12;
        assertThatThrownBy(() -> decode(wrongLength, MessageChannelPdu::decode)).hasMessageContaining("headerLength");
        AutoDetectResponsePdu sync = new AutoDetectResponsePdu(new AutoDetectResponse.NetworkCharacteristicsSync(0, 1000, 20));
        assertThat(decodeAll(HexVectors.encode(sync::encode), MessageChannelPdu::decode)).isEqualTo(sync);
    }

    @Test
    void heartbeatAndMultitransport() {
        byte[] heartbeat = HexVectors.parse("00 40 00 00 00 05 03 04");
        assertThat(decodeAll(heartbeat, MessageChannelPdu::decode)).isEqualTo(new HeartbeatPdu(5, 3, 4));
        assertThat(HexVectors.encode(new HeartbeatPdu(5, 3, 4)::encode)).isEqualTo(heartbeat);
        InitiateMultitransportRequestPdu req = new InitiateMultitransportRequestPdu(77,
                InitiateMultitransportRequestPdu.INITITATE_REQUEST_PROTOCOL_UDPFECR, Bytes.ofHex("00112233445566778899aabbccddeeff"));
        byte[] bytes = HexVectors.encode(req::encode);
        assertThat(bytes).hasSize(28).startsWith(0x02, 0x00, 0x00, 0x00, 77, 0, 0, 0, 1, 0, 0, 0);
        assertThat(decodeAll(bytes, MessageChannelPdu::decode)).isEqualTo(req);
        InitiateMultitransportResponsePdu rsp = InitiateMultitransportResponsePdu.declining(req);
        assertThat(HexVectors.encode(rsp::encode)).isEqualTo(HexVectors.parse("04 00 00 00 4d 00 00 00 04 40 00 80"));
        assertThatThrownBy(() -> decode(HexVectors.parse("00 00 00 00"), MessageChannelPdu::decode))
                .hasMessageContaining("securityHeader.flags");
    }

    @Test
    void virtualChannelChunkOfTheSpec() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpbcgr/4.4-virtual-channel-pdu-data.hex");
        decode(bytes, buf -> {
            VirtualChannelPdu pdu = VirtualChannelPdu.decode(buf);
            assertThat(pdu.length()).isEqualTo(8);
            assertThat(pdu.flags()).isEqualTo(VirtualChannelPdu.CHANNEL_FLAG_FIRST | VirtualChannelPdu.CHANNEL_FLAG_LAST);
            assertThat(pdu.data()).isEqualTo(Unpooled.wrappedBuffer(HexVectors.parse("03 00 01 00 00 00 00 00")));
            assertThat(HexVectors.encode(pdu::encode)).isEqualTo(bytes);
            assertThat(pdu.size()).isEqualTo(bytes.length);
            return null;
        });
    }

    @Test
    void slowPathBitmapUpdateWithAndWithoutCompressionHeader() {
        byte[] bytes = HexVectors.parse("""
                01 00 02 00                                   -- UPDATETYPE_BITMAP, 2 rectangles
                00 00 00 00 03 00 00 00 04 00 01 00 10 00     -- 0,0-3,0; 4x1; 16 bpp
                01 00 0c 00                                   -- BITMAP_COMPRESSION; bitmapLength 12
                00 00 04 00 04 00 08 00                       -- TS_CD_HEADER: main body 4, scan width 4, uncompressed 8
                de ad be ef                                   -- compressed data
                04 00 00 00 07 00 00 00 04 00 01 00 10 00     -- second rectangle
                01 04 02 00                                   -- BITMAP_COMPRESSION | NO_BITMAP_COMPRESSION_HDR, length 2
                c0 ff
                """);
        decode(bytes, buf -> {
            BitmapUpdate u = (BitmapUpdate) GraphicsUpdate.decodeSlowPath(buf);
            assertThat(buf.isReadable()).isFalse();
            BitmapData first = u.rectangles().get(0);
            assertThat(first.compressed()).isTrue();
            assertThat(first.compressedDataHeader()).isEqualTo(new CompressedDataHeader(0, 4, 4, 8));
            assertThat(first.bitmapDataStream()).isEqualTo(Unpooled.wrappedBuffer(HexVectors.parse("de ad be ef")));
            assertThat(u.rectangles().get(1).compressedDataHeader()).isNull();
            assertThat(u.rectangles().get(1).bitmapDataStream().readableBytes()).isEqualTo(2);
            assertThat(HexVectors.encode(u::encodeSlowPath)).isEqualTo(bytes);
            assertThat(u.slowPathSize()).isEqualTo(bytes.length);
            return null;
        });
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> decode(cut, GraphicsUpdate::decodeSlowPath))
                .isInstanceOf(RdpException.class).hasMessageContaining("TS_BITMAP_DATA.rectangles[1].bitmapLength");
        byte[] lying = bytes.clone();
        lying[2] = 3; // three rectangles announced, two present
        assertThatThrownBy(() -> decode(lying, GraphicsUpdate::decodeSlowPath)).hasMessageContaining("numberRectangles");
        byte[] hugeCount = bytes.clone();
        hugeCount[2] = (byte) 0xff;
        hugeCount[3] = (byte) 0xff;
        assertThatThrownBy(() -> decode(hugeCount, GraphicsUpdate::decodeSlowPath)).hasMessageContaining("numberRectangles");
    }

    @Test
    void paletteAndPointerUpdatesRoundTripThroughTheSlowPath() {
        ShareDataPdu palette = new ShareDataPdu(1002, 1, ShareDataPdu.STREAM_MED, new UpdatePdu(
                new PaletteUpdate(List.of(0xff0000, 0x00ff00, 0x0000ff))));
        byte[] bytes = HexVectors.encode(palette::encode);
        assertThat(bytes).endsWith(3, 0, 0, 0, 0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff);
        assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(palette);
        ColorPointer arrow = new ColorPointer(1, 0, 0, 2, 2, Unpooled.wrappedBuffer(new byte[12]),
                Unpooled.wrappedBuffer(new byte[] {(byte) 0x3f, 0, (byte) 0x3f, 0}));
        for (PointerUpdate p : List.of(new SystemPointer(SystemPointer.SYSPTR_DEFAULT), new PointerPosition(100, 200),
                arrow, new NewPointer(32, arrow), new CachedPointer(1))) {
            ShareDataPdu pdu = new ShareDataPdu(1002, 1, ShareDataPdu.STREAM_MED, new PointerPdu(p));
            byte[] b = HexVectors.encode(pdu::encode);
            assertThat(b).hasSize(pdu.size());
            assertThat(b[18] | b[19] << 8).isEqualTo(p.messageType());
            decode(b, buf -> {
                assertThat(ShareControlPdu.decode(buf)).isEqualTo(pdu);
                assertThat(buf.isReadable()).isFalse();
                return null;
            });
        }
        assertThatThrownBy(() -> new PointerPdu(new LargePointer(32, 0, 0, 0, 1, 1, Unpooled.EMPTY_BUFFER, Unpooled.EMPTY_BUFFER)))
                .hasMessageContaining("slow-path");
    }

    @Test
    void refreshSuppressMonitorLayoutAndFrameAcknowledge() {
        for (ShareData data : List.<ShareData>of(
                new RefreshRectPdu(List.of(Rectangle16.of(0, 0, 1024, 768), new Rectangle16(5, 5, 5, 5))),
                SuppressOutputPdu.suppress(), SuppressOutputPdu.allow(Rectangle16.of(0, 0, 1920, 1080)),
                new MonitorLayoutPdu(List.of(new MonitorDef(0, 0, 1919, 1079, MonitorDef.TS_MONITOR_PRIMARY),
                        new MonitorDef(1920, 0, 3199, 1023, 0))),
                new FrameAcknowledgePdu(7), new SetKeyboardIndicatorsPdu(0, SetKeyboardIndicatorsPdu.TS_SYNC_NUM_LOCK),
                new PlaySoundPdu(250, 440), new AutoReconnectStatusPdu(0),
                new StatusInfoPdu(StatusInfoPdu.TS_STATUS_VM_STARTING),
                new InputPdu(List.of(InputPdu.Event.keyboard(0, InputPdu.KBDFLAGS_RELEASE, 0x1e),
                        InputPdu.Event.mouse(0, 0x0800, 10, 20), InputPdu.Event.synchronize(0, 0x0002))))) {
            ShareDataPdu pdu = new ShareDataPdu(1007, 0x103ea, ShareDataPdu.STREAM_LOW, data);
            byte[] bytes = HexVectors.encode(pdu::encode);
            assertThat(bytes).hasSize(pdu.size());
            assertThat(bytes[14] & 0xff).isEqualTo(data.pduType2());
            assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(pdu);
        }
        assertThat(new StatusInfoPdu(StatusInfoPdu.TS_STATUS_VM_WAKING).describe()).contains("Waking");
        assertThatThrownBy(() -> decode(HexVectors.parse("02 00 00 00"), body -> ShareData.decode(ShareData.PDUTYPE2_SUPPRESS_OUTPUT, body)))
                .hasMessageContaining("allowDisplayUpdates");
        assertThatThrownBy(() -> decode(HexVectors.parse("11 00 00 00"), body -> ShareData.decode(ShareData.PDUTYPE2_MONITOR_LAYOUT_PDU, body)))
                .hasMessageContaining("monitorCount");
    }
}
