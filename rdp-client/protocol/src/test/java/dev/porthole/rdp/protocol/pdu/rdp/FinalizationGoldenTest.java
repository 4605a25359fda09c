package dev.porthole.rdp.protocol.pdu.rdp;

import static dev.porthole.rdp.protocol.Decoding.decode;
import static dev.porthole.rdp.protocol.Decoding.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * MS-RDPBCGR 4.1.14-4.1.22 (connection finalization), 4.2.1-4.2.2 (shutdown) and 4.3 (Save Session Info)
 * examples: each decodes to the expected PDU and our encoding of that PDU is the example, byte for byte.
 */
class FinalizationGoldenTest {

    static final int CLIENT = 1007;
    static final int SERVER = 1002;
    static final int SHARE = 0x000103ea;

    static final ActivationGoldenTest.Ignored PAD1 = new ActivationGoldenTest.Ignored(10, 11, "TS_SHAREDATAHEADER.pad1");
    static final ActivationGoldenTest.Ignored UNCOMPRESSED_LENGTH =
            new ActivationGoldenTest.Ignored(12, 14, "TS_SHAREDATAHEADER.uncompressedLength");

    /**
     * Decodes the example to {@code expected}, and encodes {@code expected} to the example byte for byte
     * except in the listed ranges (each of which must really differ). The examples put uninitialized
     * data in pad1 and disagree on uncompressedLength, which means nothing for an uncompressed body:
     * Microsoft's client writes body + 4 in most PDUs (as we do) but leaves garbage or zero in others, and
     * the server writes totalLength.
     */
    static void golden(String file, ShareControlPdu expected, ActivationGoldenTest.Ignored... ignored) {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpbcgr/" + file);
        assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(expected);
        byte[] ours = HexVectors.encode(expected::encode);
        assertThat(expected.size()).isEqualTo(bytes.length);
        ActivationGoldenTest.sameExcept(bytes, ours, List.of(ignored), false);
        if (expected instanceof ShareDataPdu d && !(d.data() instanceof CompressedShareData)) {
            assertThat((ours[12] & 0xff) | (ours[13] & 0xff) << 8).as("our uncompressedLength").isEqualTo(expected.size() - 14);
        }
    }

    @Test
    void clientSynchronize() {
        golden("4.1.14-ts-synchronize-pdu.hex",
                new ShareDataPdu(CLIENT, SHARE, ShareDataPdu.STREAM_LOW, SynchronizePdu.to(SERVER)));
    }

    @Test
    void clientControlCooperateAndRequestControl() {
        golden("4.1.15-ts-control-pdu-cooperate.hex",
                new ShareDataPdu(CLIENT, SHARE, ShareDataPdu.STREAM_LOW, ControlPdu.cooperate()));
        golden("4.1.16-ts-control-pdu-request-control.hex",
                new ShareDataPdu(CLIENT, SHARE, ShareDataPdu.STREAM_LOW, ControlPdu.requestControl()));
    }

    @Test
    void clientFontList() {
        golden("4.1.18-ts-font-list-pdu.hex", new ShareDataPdu(CLIENT, SHARE, ShareDataPdu.STREAM_LOW, FontListPdu.standard()),
                UNCOMPRESSED_LENGTH);
    }

    @Test
    void serverSynchronizeUsesTheUndefinedStreamAndTargetsTheUser() {
        ShareDataPdu pdu = (ShareDataPdu) decodeAll(HexVectors.load("/vectors/ms-rdpbcgr/4.1.19-ts-synchronize-pdu.hex"),
                ShareControlPdu::decode);
        assertThat(pdu.pduSource()).isEqualTo(SERVER);
        assertThat(pdu.streamId()).isEqualTo(ShareDataPdu.STREAM_UNDEFINED);
        // The example notes that the server left targetUser uninitialized (0x4463).
        golden("4.1.19-ts-synchronize-pdu.hex",
                new ShareDataPdu(SERVER, SHARE, ShareDataPdu.STREAM_UNDEFINED, SynchronizePdu.to(0x4463)), PAD1, UNCOMPRESSED_LENGTH);
    }

    @Test
    void serverControlCooperateAndGrantedControl() {
        ShareDataPdu coop = (ShareDataPdu) decodeAll(HexVectors.load("/vectors/ms-rdpbcgr/4.1.20-ts-control-pdu-cooperate.hex"),
                ShareControlPdu::decode);
        assertThat(coop.streamId()).isEqualTo(ShareDataPdu.STREAM_MED);
        golden("4.1.20-ts-control-pdu-cooperate.hex",
                new ShareDataPdu(SERVER, SHARE, ShareDataPdu.STREAM_MED, ControlPdu.cooperate()), PAD1, UNCOMPRESSED_LENGTH);
        ShareDataPdu granted = (ShareDataPdu) decodeAll(
                HexVectors.load("/vectors/ms-rdpbcgr/4.1.21-ts-control-pdu-granted-control.hex"), ShareControlPdu::decode);
        assertThat(granted.data()).isEqualTo(new ControlPdu(ControlPdu.CTRLACTION_GRANTED_CONTROL, CLIENT, SERVER));
        golden("4.1.21-ts-control-pdu-granted-control.hex", granted, PAD1, UNCOMPRESSED_LENGTH);
    }

    @Test
    void serverFontMap() {
        ShareDataPdu pdu = (ShareDataPdu) decodeAll(HexVectors.load("/vectors/ms-rdpbcgr/4.1.22-ts-font-map-pdu.hex"),
                ShareControlPdu::decode);
        assertThat(pdu.streamId()).isEqualTo(ShareDataPdu.STREAM_MED);
        golden("4.1.22-ts-font-map-pdu.hex", new ShareDataPdu(SERVER, SHARE, ShareDataPdu.STREAM_MED, FontMapPdu.standard()),
                PAD1, UNCOMPRESSED_LENGTH);
    }

    @Test
    void persistentKeyListOfTheSpec() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpbcgr/4.1.17-ts-bitmapcache-persistent-list-pdu.hex");
        ShareDataPdu pdu = (ShareDataPdu) decodeAll(bytes, ShareControlPdu::decode);
        PersistentKeyListPdu keys = (PersistentKeyListPdu) pdu.data();
        assertThat(keys.numEntries()).containsExactly(0, 0, 25, 0, 0);
        assertThat(keys.totalEntries()).containsExactly(0, 0, 25, 0, 0);
        assertThat(keys.bitMask()).isEqualTo(PersistentKeyListPdu.PERSIST_PDU_FIRST | PersistentKeyListPdu.PERSIST_PDU_LAST);
        assertThat(keys.keys()).hasSize(25);
        golden("4.1.17-ts-bitmapcache-persistent-list-pdu.hex", pdu, UNCOMPRESSED_LENGTH);
    }

    @Test
    void emptyPersistentKeyList() {
        PersistentKeyListPdu empty = PersistentKeyListPdu.empty();
        ShareDataPdu pdu = new ShareDataPdu(CLIENT, SHARE, ShareDataPdu.STREAM_LOW, empty);
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).hasSize(18 + 24);
        assertThat(bytes[18 + 20]).isEqualTo((byte) 0x03);
        assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void shutdownRequestAndDenied() {
        ShareDataPdu req = (ShareDataPdu) decodeAll(HexVectors.load("/vectors/ms-rdpbcgr/4.2.1-ts-shutdown-req-pdu.hex"),
                ShareControlPdu::decode);
        assertThat(req.data()).isEqualTo(new ShutdownRequestPdu());
        golden("4.2.1-ts-shutdown-req-pdu.hex", req);
        ShareDataPdu denied = (ShareDataPdu) decodeAll(HexVectors.load("/vectors/ms-rdpbcgr/4.2.2-ts-shutdown-denied-pdu.hex"),
                ShareControlPdu::decode);
        assertThat(denied.data()).isEqualTo(new ShutdownDeniedPdu());
        golden("4.2.2-ts-shutdown-denied-pdu.hex", denied, PAD1, UNCOMPRESSED_LENGTH);
    }

    @Test
    void saveSessionInfoLogonInfoVersion2() {
        ShareDataPdu pdu = (ShareDataPdu) decodeAll(
                HexVectors.load("/vectors/ms-rdpbcgr/4.3.1-save-session-info-logon-info-v2.hex"), ShareControlPdu::decode);
        LogonInfoV2 v2 = (LogonInfoV2) ((SaveSessionInfoPdu) pdu.data()).info();
        assertThat(v2.version()).isEqualTo(LogonInfoV2.SAVE_SESSION_PDU_VERSION_ONE);
        assertThat(v2.domain()).isEqualTo("NTDEV");
        assertThat(v2.userName()).isEqualTo("eltons");
        golden("4.3.1-save-session-info-logon-info-v2.hex", pdu, UNCOMPRESSED_LENGTH);
    }

    @Test
    void saveSessionInfoPlainNotify() {
        ShareDataPdu pdu = (ShareDataPdu) decodeAll(
                HexVectors.load("/vectors/ms-rdpbcgr/4.3.2-save-session-info-plain-notify.hex"), ShareControlPdu::decode);
        assertThat(((SaveSessionInfoPdu) pdu.data()).info()).isEqualTo(new PlainNotify());
        golden("4.3.2-save-session-info-plain-notify.hex", pdu, UNCOMPRESSED_LENGTH);
    }

    @Test
    void saveSessionInfoLogonInfoExtendedCarriesTheArcCookie() {
        ShareDataPdu pdu = (ShareDataPdu) decodeAll(
                HexVectors.load("/vectors/ms-rdpbcgr/4.3.3-save-session-info-logon-info-extended.hex"), ShareControlPdu::decode);
        LogonInfoExtended ext = (LogonInfoExtended) ((SaveSessionInfoPdu) pdu.data()).info();
        assertThat(ext.fieldsPresent()).isEqualTo(LogonInfoExtended.LOGON_EX_AUTORECONNECTCOOKIE);
        assertThat(ext.autoReconnectCookie()).isEqualTo(new ArcScPrivatePacket(ArcScPrivatePacket.AUTO_RECONNECT_VERSION_1, 2,
                Bytes.ofHex("a802e725e24c82b752a553503498a1a8")));
        assertThat(ext.logonErrors()).isNull();
        assertThat(ext.toString()).doesNotContain("a802e725");
        golden("4.3.3-save-session-info-logon-info-extended.hex", pdu, UNCOMPRESSED_LENGTH);
    }

    @Test
    void logonErrorsRoundTrip() {
        LogonInfoExtended ext = new LogonInfoExtended(null,
                new LogonErrorsInfo(LogonErrorsInfo.LOGON_MSG_SESSION_CONTINUE, LogonErrorsInfo.LOGON_FAILED_BAD_PASSWORD));
        ShareDataPdu pdu = new ShareDataPdu(SERVER, SHARE, ShareDataPdu.STREAM_LOW, new SaveSessionInfoPdu(ext));
        byte[] bytes = HexVectors.encode(pdu::encode);
        assertThat(bytes).hasSize(pdu.size()).hasSize(18 + 4 + 2 + 4 + 4 + 8 + 570);
        assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(pdu);
    }

    @Test
    void severalPdusInOnePacketAreReadInTurn() {
        byte[] a = HexVectors.load("/vectors/ms-rdpbcgr/4.1.19-ts-synchronize-pdu.hex");
        byte[] b = HexVectors.load("/vectors/ms-rdpbcgr/4.1.20-ts-control-pdu-cooperate.hex");
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        List<ShareControlPdu> pdus = decodeAll(both, ShareControlPdu::decodeAll);
        assertThat(pdus).hasSize(2);
        assertThat(((ShareDataPdu) pdus.get(1)).data()).isEqualTo(ControlPdu.cooperate());
    }

    @Test
    void truncatedShareDataHeaderNamesTheField() {
        byte[] bytes = HexVectors.load("/vectors/ms-rdpbcgr/4.1.14-ts-synchronize-pdu.hex");
        byte[] cut = java.util.Arrays.copyOf(bytes, 20);
        assertThatThrownBy(() -> decode(cut, ShareControlPdu::decode))
                .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED))
                .hasMessageContaining("TS_SHARECONTROLHEADER.totalLength");
        byte[] shortBody = bytes.clone();
        shortBody[0] = 20; // totalLength 20: the body lacks targetUser
        assertThatThrownBy(() -> decode(java.util.Arrays.copyOf(shortBody, 20), ShareControlPdu::decode))
                .hasMessageContaining("TS_SYNCHRONIZE_PDU");
    }

    @Test
    void compressedDataIsLeftForTheBulkDecompressor() {
        byte[] bytes = HexVectors.parse("""
                1a 00 17 00 ea 03 ea 03 01 00 00 01 0c 00 02 a1 08 00 -- Data PDU, pduType2 UPDATE, compressedType 0xa1
                de ad be ef 01 02 03 04                               -- compressed bytes
                """);
        decode(bytes, buf -> {
            ShareDataPdu pdu = (ShareDataPdu) ShareControlPdu.decode(buf);
            assertThat(pdu.data()).isInstanceOfSatisfying(CompressedShareData.class, c -> {
                assertThat(c.pduType2()).isEqualTo(ShareData.PDUTYPE2_UPDATE);
                assertThat(c.compressionType()).isEqualTo(1);
                assertThat(c.uncompressedLength()).isEqualTo(12);
                assertThat(c.payload()).isEqualTo(Unpooled.wrappedBuffer(HexVectors.parse("de ad be ef 01 02 03 04")));
            });
            return pdu;
        });
        byte[] reencoded = decode(bytes, buf -> {
            ShareControlPdu again = ShareControlPdu.decode(buf);
            return HexVectors.encode(again::encode);
        });
        assertThat(reencoded).isEqualTo(bytes);
    }

    @Test
    void flowPdusAreRecognisedAndSkipped() {
        byte[] bytes = HexVectors.parse("00 80 42 00 01 02 ea 03");
        ShareControlPdu pdu = decodeAll(bytes, ShareControlPdu::decode);
        assertThat(pdu).isEqualTo(new FlowPdu(0x42, 1, 2, 1002));
        assertThat(HexVectors.encode(pdu::encode)).isEqualTo(bytes);
    }

    @Test
    void windowsXpShortDeactivateAllIsAccepted() {
        ShareControlPdu pdu = decodeAll(HexVectors.parse("04 00 16 00"), ShareControlPdu::decode);
        assertThat(pdu).isEqualTo(new DeactivateAllPdu(0, 0, Bytes.EMPTY));
        DeactivateAllPdu full = new DeactivateAllPdu(SERVER, SHARE, Bytes.of((byte) 0));
        byte[] bytes = HexVectors.encode(full::encode);
        assertThat(bytes).isEqualTo(HexVectors.parse("0d 00 16 00 ea 03 ea 03 01 00 01 00 00"));
        assertThat(decodeAll(bytes, ShareControlPdu::decode)).isEqualTo(full);
    }

    @Test
    void unknownPduTypeIsMalformed() {
        assertThatThrownBy(() -> decode(HexVectors.parse("06 00 1f 00 ea 03"), ShareControlPdu::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("pduType");
    }

}
