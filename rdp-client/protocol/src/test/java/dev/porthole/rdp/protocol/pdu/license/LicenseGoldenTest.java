package dev.porthole.rdp.protocol.pdu.license;

import static dev.porthole.rdp.protocol.Decoding.decode;
import static dev.porthole.rdp.protocol.Decoding.decodeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;
import dev.porthole.rdp.protocol.pdu.rdp.NonFipsSecurityHeader;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MS-RDPBCGR 4.1.11 and the MS-RDPELE 4.1-4.7 examples, decoded field by field and re-encoded byte for byte. */
class LicenseGoldenTest {

    static byte[] bcgr(String name) {
        return HexVectors.load("/vectors/ms-rdpbcgr/" + name);
    }

    static byte[] ele(String name) {
        return HexVectors.load("/vectors/ms-rdpele/" + name);
    }

    static void reencodes(byte[] bytes) {
        LicensePdu pdu = decodeAll(bytes, LicensePdu::decode);
        assertThat(HexVectors.encode(pdu::encode)).isEqualTo(bytes);
        assertThat(pdu.size()).isEqualTo(bytes.length);
    }

    @Test
    void validClientDataOfTheSpecEndsLicensing() {
        byte[] bytes = bcgr("4.1.11-license-valid-client-data.hex");
        LicensePdu pdu = decodeAll(bytes, LicensePdu::decode);
        assertThat(pdu.flags()).isEqualTo(LicensePdu.PREAMBLE_VERSION_3_0);
        assertThat(pdu.message()).isEqualTo(LicenseErrorMessage.VALID_CLIENT);
        assertThat(((LicenseErrorMessage) pdu.message()).isValidClient()).isTrue();
        assertThat(HexVectors.encode(new LicensePdu(3, LicenseErrorMessage.VALID_CLIENT)::encode)).isEqualTo(bytes);
    }

    @Test
    void validClientPduAsSentIsEncryptedAndRefused() {
        byte[] bytes = bcgr("4.1.11-license-error-valid-client-pdu.hex");
        decode(bytes, buf -> {
            DomainPdu.SendDataIndication sdi = (DomainPdu.SendDataIndication) DomainPdu.decode(buf);
            assertThat(sdi.initiator()).isEqualTo(1002);
            assertThat(sdi.channelId()).isEqualTo(1003);
            ByteBuf userData = sdi.userData();
            NonFipsSecurityHeader h = NonFipsSecurityHeader.decode(userData.duplicate());
            assertThat(h.basic().flags()).isEqualTo(SecurityHeader.SEC_ENCRYPT | SecurityHeader.SEC_LICENSE_PKT
                    | SecurityHeader.SEC_LICENSE_ENCRYPT_CS);
            assertThat(h.basic().flagsHi()).isEqualTo(0x0302);
            assertThat(h.dataSignature()).isEqualTo(Bytes.ofHex("8d439aabd52a3139"));
            assertThat(userData.readableBytes() - NonFipsSecurityHeader.SIZE).isEqualTo(16);
            assertThatThrownBy(() -> LicensePdu.decodeSecured(userData.duplicate()))
                    .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED));
            return null;
        });
    }

    @Test
    void validClientUnderEnhancedSecurityHasABasicHeader() {
        LicensePdu pdu = new LicensePdu(LicensePdu.PREAMBLE_VERSION_3_0, LicenseErrorMessage.VALID_CLIENT);
        byte[] bytes = HexVectors.encode(pdu::encodeSecured);
        assertThat(bytes).isEqualTo(HexVectors.parse("80 00 00 00 ff 03 10 00 07 00 00 00 02 00 00 00 04 00 00 00"));
        assertThat(pdu.securedSize()).isEqualTo(bytes.length);
        assertThat(decodeAll(bytes, LicensePdu::decodeSecured)).isEqualTo(pdu);
    }

    @Test
    void serverLicenseRequest() {
        byte[] bytes = ele("4.1-server-license-request.hex");
        LicensePdu pdu = decodeAll(bytes, LicensePdu::decode);
        assertThat(pdu.flags()).isEqualTo(3);
        ServerLicenseRequest req = (ServerLicenseRequest) pdu.message();
        assertThat(req.serverRandom()).isEqualTo(Bytes.ofHex("84efae20b1d59e36491ae82e0a9989ac49a6474f339b5ab99503a6c6c23c3f61"));
        assertThat(req.productInfo()).isEqualTo(new ProductInfo(0x00060000, "Microsoft Corporation", "A02"));
        assertThat(req.keyExchangeAlgorithms()).containsExactly(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA);
        assertThat(req.serverCertificate().blobType()).isEqualTo(LicenseBinaryBlob.BB_CERTIFICATE_BLOB);
        assertThat(req.serverCertificate().data().length()).isEqualTo(0x812);
        assertThat(req.scopes()).containsExactly("microsoft.com");
        reencodes(bytes);
    }

    @Test
    void clientNewLicenseRequest() {
        byte[] bytes = ele("4.2-client-new-license-request.hex");
        LicensePdu pdu = decodeAll(bytes, LicensePdu::decode);
        assertThat(pdu.flags()).isEqualTo(LicensePdu.EXTENDED_ERROR_MSG_SUPPORTED | LicensePdu.PREAMBLE_VERSION_3_0);
        ClientNewLicenseRequest req = (ClientNewLicenseRequest) pdu.message();
        assertThat(req.preferredKeyExchangeAlg()).isEqualTo(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA);
        assertThat(req.platformId()).isEqualTo(0x04010000);
        assertThat(req.encryptedPreMasterSecret().blobType()).isEqualTo(LicenseBinaryBlob.BB_RANDOM_BLOB);
        assertThat(req.encryptedPreMasterSecret().data().length()).isEqualTo(0x108);
        assertThat(req.clientUserName().ansiText()).isEqualTo("Administrator");
        assertThat(req.clientMachineName()).isEqualTo(
                LicenseBinaryBlob.ansi(LicenseBinaryBlob.BB_CLIENT_MACHINE_NAME_BLOB, "RODENT"));
        reencodes(bytes);
    }

    @Test
    void clientLicenseInfo() {
        byte[] bytes = ele("4.3-client-license-info.hex");
        ClientLicenseInfo info = (ClientLicenseInfo) decodeAll(bytes, LicensePdu::decode).message();
        assertThat(info.licenseInfo().blobType()).isEqualTo(LicenseBinaryBlob.BB_DATA_BLOB);
        assertThat(info.licenseInfo().data().length()).isEqualTo(0x799);
        assertThat(info.encryptedHwid().data().length()).isEqualTo(0x14);
        assertThat(info.macData().length()).isEqualTo(16);
        reencodes(bytes);
    }

    @Test
    void serverPlatformChallengeKeepsTheIgnoredBlobType() {
        byte[] bytes = ele("4.4-server-platform-challenge.hex");
        ServerPlatformChallenge c = (ServerPlatformChallenge) decodeAll(bytes, LicensePdu::decode).message();
        assertThat(c.connectFlags()).isEqualTo(0xffffffff);
        assertThat(c.encryptedPlatformChallenge()).isEqualTo(
                new LicenseBinaryBlob(0xf750, Bytes.ofHex("463785548ec59134975d")));
        assertThat(c.macData()).isEqualTo(Bytes.ofHex("7894ad3b81da8818560f3ad1f103ef35"));
        reencodes(bytes);
    }

    @Test
    void clientPlatformChallengeResponseAndItsClearParts() {
        byte[] bytes = ele("4.5-client-platform-challenge-response.hex");
        ClientPlatformChallengeResponse r = (ClientPlatformChallengeResponse) decodeAll(bytes, LicensePdu::decode).message();
        assertThat(r.encryptedPlatformChallengeResponse().data().length()).isEqualTo(0x12);
        assertThat(r.encryptedHwid().data().length()).isEqualTo(0x14);
        reencodes(bytes);
        // The example's decrypted PLATFORM_CHALLENGE_RESPONSE_DATA and CLIENT_HARDWARE_ID, as annotated in MS-RDPELE 4.5.
        byte[] data = HexVectors.parse("00 01 00 01 03 00 0a 00 54 00 45 00 53 00 54 00 00 00");
        PlatformChallengeResponseData d = decodeAll(data, PlatformChallengeResponseData::decode);
        assertThat(d).isEqualTo(new PlatformChallengeResponseData(PlatformChallengeResponseData.VERSION,
                PlatformChallengeResponseData.WIN32_PLATFORMCHALLENGE_TYPE, PlatformChallengeResponseData.LICENSE_DETAIL_DETAIL,
                Bytes.ofHex("5400450053005400 0000")));
        assertThat(HexVectors.encode(d::encode)).isEqualTo(data);
        byte[] hwid = HexVectors.parse("02 00 00 00 f1 59 87 3e c9 d8 98 af 24 02 f8 f3 29 3a f0 26");
        ClientHardwareId id = decodeAll(hwid, ClientHardwareId::decode);
        assertThat(id.platformId()).isEqualTo(2);
        assertThat(id.data1()).isEqualTo(0x3e8759f1);
        assertThat(HexVectors.encode(id::encode)).isEqualTo(hwid);
    }

    @Test
    void serverNewLicenseAndItsDecryptedLicenseInfo() {
        byte[] bytes = ele("4.6-server-new-license.hex");
        ServerLicense l = (ServerLicense) decodeAll(bytes, LicensePdu::decode).message();
        assertThat(l.upgrade()).isFalse();
        assertThat(l.encryptedLicenseInfo().blobType()).isEqualTo(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB);
        assertThat(l.encryptedLicenseInfo().data().length()).isEqualTo(0x7ef);
        reencodes(bytes);
        byte[] clear = ele("4.6-new-license-info-decrypted.hex");
        NewLicenseInfo info = decodeAll(clear, NewLicenseInfo::decode);
        assertThat(info.version()).isEqualTo(0x00060000);
        assertThat(info.scope()).isEqualTo("microsoft.com");
        assertThat(info.companyName()).isEqualTo("Microsoft Corporation");
        assertThat(info.productId()).isEqualTo("A02");
        assertThat(info.licenseInfo().length()).isEqualTo(0x799);
        assertThat(HexVectors.encode(info::encode)).isEqualTo(clear);
        assertThat(info.size()).isEqualTo(clear.length);
    }

    /**
     * The MS-RDPELE 4.7 dump is one byte longer than its own wMsgSize (0x1b95) and blob length (0x1b7d)
     * say, and its MACData annotation is shifted by that byte. We follow the length fields: the message
     * ends at 0x1b95 and the extra trailing byte is left unread.
     */
    @Test
    void serverUpgradeLicenseFollowsTheLengthFieldsOfAnInconsistentExample() {
        byte[] dump = ele("4.7-server-upgrade-license.hex");
        assertThat(dump).hasSize(0x1b96);
        decode(dump, buf -> {
            ServerLicense l = (ServerLicense) LicensePdu.decode(buf).message();
            assertThat(l.upgrade()).isTrue();
            assertThat(buf.readableBytes()).isEqualTo(1);
            assertThat(l.encryptedLicenseInfo().blobType()).isEqualTo(LicenseBinaryBlob.BB_ENCRYPTED_DATA_BLOB);
            assertThat(l.encryptedLicenseInfo().data().length()).isEqualTo(0x1b7d);
            assertThat(l.macData()).isEqualTo(Bytes.ofHex("1573da361e92c8d07812c31cd368a5c6"));
            return null;
        });
        reencodes(java.util.Arrays.copyOf(dump, 0x1b95));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.1-server-license-request.hex", "4.3-client-license-info.hex", "4.6-server-new-license.hex"})
    void everyTruncationIsMalformed(String name) {
        byte[] bytes = ele(name);
        for (int cut = 0; cut < bytes.length; cut += 97) {
            byte[] shorter = java.util.Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> decode(shorter, LicensePdu::decode))
                    .isInstanceOfSatisfying(RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.MALFORMED));
        }
    }

    @Test
    void messageSizeSmallerThanTheMessageIsMalformedNamingTheField() {
        byte[] bytes = ele("4.4-server-platform-challenge.hex").clone();
        bytes[2] = 0x20; // wMsgSize 0x20 instead of 0x26: the MAC is cut
        assertThatThrownBy(() -> decode(bytes, LicensePdu::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("SERVER_PLATFORM_CHALLENGE.MACData");
        byte[] longer = ele("4.4-server-platform-challenge.hex").clone();
        byte[] padded = java.util.Arrays.copyOf(longer, longer.length + 2);
        padded[2] = 0x28;
        assertThatThrownBy(() -> decode(padded, LicensePdu::decode)).hasMessageContaining("wMsgSize");
    }

    @Test
    void unknownMessageTypeAndHugeScopeCountAreRefused() {
        assertThatThrownBy(() -> decode(HexVectors.parse("42 03 04 00"), LicensePdu::decode))
                .isInstanceOf(RdpException.class).hasMessageContaining("bMsgType").hasMessageContaining("0x42");
        byte[] req = ele("4.1-server-license-request.hex").clone();
        int scopeCount = 0x882;
        req[scopeCount] = (byte) 0xff;
        req[scopeCount + 1] = (byte) 0xff;
        req[scopeCount + 2] = (byte) 0xff;
        req[scopeCount + 3] = (byte) 0x7f;
        assertThatThrownBy(() -> decode(req, LicensePdu::decode)).hasMessageContaining("ScopeCount");
    }

    @Test
    void errorNamesAreReadable() {
        assertThat(new LicenseErrorMessage(LicenseErrorMessage.ERR_NO_LICENSE_SERVER, LicenseErrorMessage.ST_TOTAL_ABORT,
                LicenseBinaryBlob.empty(4)).errorName()).isEqualTo("ERR_NO_LICENSE_SERVER");
        assertThat(List.of(LicenseErrorMessage.VALID_CLIENT.isValidClient())).containsExactly(true);
    }
}
