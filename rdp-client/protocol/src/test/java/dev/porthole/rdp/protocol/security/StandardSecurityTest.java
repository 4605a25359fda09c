package dev.porthole.rdp.protocol.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import dev.porthole.rdp.protocol.Decoding;
import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.license.ServerPublicKey;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathHeader;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputEvent;
import dev.porthole.rdp.protocol.pdu.fastpath.FastPathInputPdu;
import dev.porthole.rdp.protocol.pdu.gcc.ClientSecurityData;
import dev.porthole.rdp.protocol.pdu.gcc.ServerSecurityData;
import dev.porthole.rdp.protocol.pdu.mcs.ConnectResponse;
import dev.porthole.rdp.protocol.pdu.mcs.DomainPdu;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityExchangePdu;
import dev.porthole.rdp.protocol.pdu.rdp.SecurityHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Standard RDP Security (MS-RDPBCGR 5.3). Known answers: the randoms are the sample client random of MS-RDPBCGR
 * 4.8 and the serverRandom of the annotated Server MCS Connect Response (4.1.4); the expected keys, key updates,
 * MACs and cipher texts were computed by an independent implementation of the 5.3.5, 5.3.6.1 and 5.3.7.1
 * formulas (Python hashlib and a textbook RC4, written from the specification text for this test), since the
 * specification's own trace (4.1.9, 4.1.10) cannot be decrypted without the 4.1.4 server's private key.
 * Interoperability with a real server is covered by the xrdp test of rdp-client/netty.
 */
class StandardSecurityTest {

    static final byte[] CLIENT_RANDOM = HexVectors.load("/vectors/ms-rdpbcgr/4.8-client-random.hex");
    static final byte[] SERVER_RANDOM = hex("1011772030610a12e434a11ef2c39f317da45f01893496e0ff1108697f1ac3d2");
    static final byte[] DATA = "porthole standard rdp security".getBytes(StandardCharsets.US_ASCII);

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static int method(int bits) {
        return switch (bits) {
            case 40 -> ClientSecurityData.ENCRYPTION_METHOD_40BIT;
            case 56 -> ClientSecurityData.ENCRYPTION_METHOD_56BIT;
            default -> ClientSecurityData.ENCRYPTION_METHOD_128BIT;
        };
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({
        "128, ec531a8b7aad52da47918d3e3ac7eb10, 98d1265c3a1ba2469d7a2acfbc0fafd9, b99465830113eabd70a17644c9bc8a24",
        "56, d1531a8b7aad52da, d1d1265c3a1ba246, d19465830113eabd",
        "40, d1269e8b7aad52da, d1269e5c3a1ba246, d1269e830113eabd"})
    void sessionKeysFollowSection535(int bits, String mac, String encrypt, String decrypt) {
        SessionKeys keys = SessionKeys.derive(CLIENT_RANDOM, SERVER_RANDOM, method(bits));
        assertThat(keys.macKey()).isEqualTo(hex(mac));
        assertThat(keys.encryptKey()).isEqualTo(hex(encrypt));
        assertThat(keys.decryptKey()).isEqualTo(hex(decrypt));
        assertThat(keys.toString()).doesNotContain(mac.substring(0, 8));
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({
        "128, 5fc716d0c3ecde44fb0d4b5688f04878, 02bc6e225748ea9e49d3833284e7745c",
        "56, d19b15e45f4d9a44, d12dfcd2be0dd058",
        "40, d1269eef2d6ffc7b, d1269e244a175b78"})
    void keyUpdatesFollowSection5371(int bits, String first, String second) {
        byte[] initial = SessionKeys.derive(CLIENT_RANDOM, SERVER_RANDOM, method(bits)).encryptKey();
        byte[] u1 = Rc4Stream.update(initial, initial, method(bits));
        assertThat(u1).isEqualTo(hex(first));
        assertThat(Rc4Stream.update(initial, u1, method(bits))).isEqualTo(hex(second));
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({
        "128, fe5a9b96e755d79b4f2393085dff3705184903cfcfdb592432603cf42b17, dcb9eb4a146e9561c9a84ef7070e51f427704f7ff1a1352727782dc41090",
        "56, 3319e52805129d5d6e874c1665e3445ac81f6e4545f9092c4591f25dd8ae, 5aae87e51c46304da51ab541b01b3a66a9c6b712c00eb5c9e33525e0bb0d",
        "40, 19027f953a2c1a3199a92a424a7b0e4eb192faa672d46a662048b94254c8, 9ffe49f9bb272ef8cc4787379bd5c3f4e82e9f442aade72a9fdd4fb7bbae"})
    void theStreamIsRekeyedAfter4096Packets(int bits, String firstCipher, String afterUpdate) {
        byte[] key = SessionKeys.derive(CLIENT_RANDOM, SERVER_RANDOM, method(bits)).encryptKey();
        Rc4Stream stream = new Rc4Stream(key, method(bits));
        byte[] first = DATA.clone();
        stream.process(first, 0, first.length);
        assertThat(first).isEqualTo(hex(firstCipher));
        byte[] filler = new byte[16];
        for (int i = 1; i < Rc4Stream.UPDATE_INTERVAL; i++) {
            stream.process(filler, 0, filler.length);
        }
        assertThat(stream.currentKey()).as("no update before packet 4097").isEqualTo(key);
        byte[] next = DATA.clone();
        stream.process(next, 0, next.length);
        assertThat(next).as("packet 4097: a fresh RC4 state keyed with the updated key").isEqualTo(hex(afterUpdate));
        assertThat(stream.count()).isEqualTo(4097);
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({"128, afeb3210438abfc7, 5eb3ecfa7350041e", "56, f5af5722a2b77cd3, a1de0a1cce4a250e",
        "40, 0905ccbc5cb939b7, 3af1a5cc224aed55"})
    void macsFollowSection5361(int bits, String plainMac, String saltedMacAt7) {
        StandardSecurity s = new StandardSecurity(method(bits), 3, SessionKeys.derive(CLIENT_RANDOM, SERVER_RANDOM,
                method(bits)), new byte[8]);
        assertThat(s.mac(DATA, false, 0)).isEqualTo(hex(plainMac));
        assertThat(s.mac(DATA, true, 7)).isEqualTo(hex(saltedMacAt7));
    }

    /** The client and a server holding the same keys the other way round. */
    static StandardSecurity[] pair(int bits) {
        SessionKeys k = SessionKeys.derive(CLIENT_RANDOM, SERVER_RANDOM, method(bits));
        StandardSecurity client = new StandardSecurity(method(bits), 3, k, new byte[8]);
        StandardSecurity server = new StandardSecurity(method(bits), 3,
                new SessionKeys(method(bits), k.macKey(), k.decryptKey(), k.encryptKey()), new byte[8]);
        return new StandardSecurity[] {client, server};
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({"128", "56", "40"})
    void slowPathPdusSurviveManyKeyUpdatesAndTamperingIsRefused(int bits) {
        StandardSecurity[] p = pair(bits);
        for (int i = 0; i < 2 * Rc4Stream.UPDATE_INTERVAL + 3; i++) {
            int flags = i % 2 == 0 ? SecurityHeader.SEC_INFO_PKT : SecurityHeader.SEC_SECURE_CHECKSUM;
            byte[] plain = (i + " " + new String(DATA, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
            ByteBuf wire = seal(p[1], flags, plain);
            try {
                assertThat(p[0].unwrap(wire) & ~SecurityHeader.SEC_ENCRYPT).isEqualTo(flags);
                byte[] got = new byte[wire.readableBytes()];
                wire.readBytes(got);
                assertThat(got).isEqualTo(plain);
            } finally {
                wire.release();
            }
        }
        assertThat(p[0].decryptedCount()).isEqualTo(2L * Rc4Stream.UPDATE_INTERVAL + 3);

        ByteBuf tampered = seal(p[1], 0, DATA);
        tampered.setByte(tampered.writerIndex() - 1, tampered.getByte(tampered.writerIndex() - 1) ^ 1);
        try {
            assertThatThrownBy(() -> p[0].unwrap(tampered)).isInstanceOfSatisfying(RdpException.class,
                    e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST)).hasMessageContaining("MAC");
        } finally {
            tampered.release();
        }
    }

    static ByteBuf seal(StandardSecurity sender, int flags, byte[] plain) {
        ByteBuf out = Unpooled.buffer();
        ByteBuf in = Unpooled.wrappedBuffer(plain);
        sender.encodeSecured(flags, in, out);
        assertThat(out.getShortLE(0) & SecurityHeader.SEC_ENCRYPT).isNotZero();
        return out;
    }

    @ParameterizedTest(name = "{0}-bit")
    @CsvSource({"128", "40"})
    void fastPathPdusRoundTripEncrypted(int bits) {
        StandardSecurity[] p = pair(bits);
        for (int n : new int[] {1, 20, 3}) {
            FastPathInputEvent[] events = new FastPathInputEvent[n];
            for (int i = 0; i < n; i++) {
                events[i] = new FastPathInputEvent.KeyboardEvent(0x10 + i, i % 2 == 1, false, false);
            }
            FastPathInputPdu pdu = FastPathInputPdu.of(events);
            ByteBuf plain = Unpooled.buffer();
            pdu.encode(plain);
            ByteBuf wire = p[0].encodeFastPathInput(plain, ByteBufAllocator.DEFAULT);
            ByteBuf back = null;
            try {
                assertThat((wire.getUnsignedByte(0) >>> 6) & FastPathHeader.FASTPATH_ENCRYPTED).isNotZero();
                assertThat(wire.readableBytes()).isGreaterThanOrEqualTo(plain.readableBytes() + 8);
                back = p[1].unwrapFastPath(wire, ByteBufAllocator.DEFAULT);
                assertThat(Decoding.decodeAll(io.netty.buffer.ByteBufUtil.getBytes(back), FastPathInputPdu::decode))
                        .isEqualTo(pdu);
            } finally {
                plain.release();
                wire.release();
                if (back != null) {
                    back.release();
                }
            }
        }
        ByteBuf plain = Unpooled.buffer();
        FastPathInputPdu.of(new FastPathInputEvent.KeyboardEvent(0x1E, false, false, false)).encode(plain);
        ByteBuf wire = p[0].encodeFastPathInput(plain, ByteBufAllocator.DEFAULT);
        wire.setByte(3, wire.getByte(3) ^ 0x80); // a signature byte
        try {
            assertThatThrownBy(() -> p[1].unwrapFastPath(wire, ByteBufAllocator.DEFAULT)).isInstanceOf(RdpException.class)
                    .hasMessageContaining("MAC of a fast-path");
        } finally {
            plain.release();
            wire.release();
        }
    }

    static ServerSecurityData spec414() {
        return Decoding.decode(HexVectors.load("/vectors/ms-rdpbcgr/4.1.4-mcs-connect-response.hex"), ConnectResponse::decode)
                .gcc().serverData().security();
    }

    @Test
    void negotiatesWithTheServerSecurityDataOfSection414() {
        ServerSecurityData spec = spec414();
        StandardSecurity s = StandardSecurity.negotiate(spec, b -> System.arraycopy(CLIENT_RANDOM, 0, b, 0, b.length));
        assertThat(s.method()).isEqualTo(ClientSecurityData.ENCRYPTION_METHOD_128BIT);
        assertThat(s.level()).isEqualTo(ServerSecurityData.ENCRYPTION_LEVEL_CLIENT_COMPATIBLE);
        byte[] encrypted = s.encryptedClientRandom();
        // the 64-byte modulus of 4.1.4 plus 8 zero bytes, as the 72-byte field of the spec's exchange PDU (4.1.9)
        assertThat(encrypted).hasSize(72);
        assertThat(java.util.Arrays.copyOfRange(encrypted, 64, 72)).containsOnly(0);
        assertThat(s.mac(DATA, false, 0)).as("keys of the 4.8 random and the 4.1.4 server random")
                .isEqualTo(hex("afeb3210438abfc7"));
    }

    @Test
    void refusesNoneInconsistentFipsForeignMethodsAndForgedCertificates() {
        ServerSecurityData spec = spec414();
        byte[] random = spec.serverRandom();
        byte[] cert = spec.serverCertificate();
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(0, 0, new byte[0], new byte[0])))
                .hasMessageContaining("no encryption");
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(0, 2, new byte[0], new byte[0])))
                .hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(2, 0, random, cert))).hasMessageContaining("inconsistent");
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(0x10, 4, random, cert))).isInstanceOfSatisfying(
                RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.UNSUPPORTED)).hasMessageContaining("FIPS");
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(0x03, 2, random, cert))).hasMessageContaining("encryptionMethod");
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(2, 2, random, new byte[0]))).hasMessageContaining("missing");
        byte[] forged = cert.clone();
        forged[forged.length - 12] ^= 1; // inside the signature
        assertThatThrownBy(() -> negotiate(new ServerSecurityData(2, 2, random, forged))).isInstanceOfSatisfying(
                RdpException.class, e -> assertThat(e.kind()).isEqualTo(RdpException.Kind.TRUST)).hasMessageContaining("signature");
    }

    private static StandardSecurity negotiate(ServerSecurityData d) {
        return StandardSecurity.negotiate(d, b -> java.util.Arrays.fill(b, (byte) 7));
    }

    /** MS-RDPBCGR 4.8: the sample random encrypted with the sample key decrypts with the published private exponent. */
    @Test
    void theClientRandomIsEncryptedLittleEndianWithPaddingAsSection48() {
        byte[] modulus = HexVectors.load("/vectors/ms-rdpbcgr/4.8-modulus.hex");
        byte[] d = HexVectors.load("/vectors/ms-rdpbcgr/4.8-private-exponent.hex");
        byte[] encrypted = ServerPublicKey.ofLittleEndian(modulus, 0x10001).encrypt(CLIENT_RANDOM);
        assertThat(encrypted).hasSize(72);
        BigInteger c = new BigInteger(1, reverse(java.util.Arrays.copyOf(encrypted, 64)));
        BigInteger m = c.modPow(new BigInteger(1, reverse(d)), new BigInteger(1, reverse(modulus)));
        assertThat(java.util.Arrays.copyOf(reverse(m.toByteArray()), 32)).isEqualTo(CLIENT_RANDOM);
    }

    @Test
    void theSecurityExchangePduOfSection419DecodesAndEncodesAlike() {
        byte[] frame = HexVectors.load("/vectors/ms-rdpbcgr/4.1.9-security-exchange-send-data.hex");
        ByteBuf buf = Unpooled.wrappedBuffer(frame);
        DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) DomainPdu.decode(buf);
        byte[] user = io.netty.buffer.ByteBufUtil.getBytes(sdr.userData());
        buf.release();
        SecurityExchangePdu pdu = Decoding.decodeAll(user, SecurityExchangePdu::decode);
        assertThat(pdu.flags()).isEqualTo(SecurityHeader.SEC_EXCHANGE_PKT | SecurityHeader.SEC_LICENSE_ENCRYPT_SC);
        assertThat(pdu.encryptedClientRandom().length()).isEqualTo(72);
        assertThat(HexVectors.encode(pdu::encode)).isEqualTo(user);
        byte[] wrongLength = user.clone();
        wrongLength[4] = 0x40;
        assertThatThrownBy(() -> Decoding.decodeAll(wrongLength, SecurityExchangePdu::decode)).isInstanceOf(RdpException.class)
                .hasMessageContaining("length");
    }

    /** The fuzz seeds made by the independent reference pass the client's MAC check (see {@link StandardSecurityFuzzTest}). */
    @Test
    void theSealedFuzzSeedsDecryptAndVerify() throws Exception {
        String dir = "/dev/porthole/rdp/protocol/security/StandardSecurityFuzzTestInputs/";
        byte[] slow = getClass().getResourceAsStream(dir + "slowPath/sealed-first-pdu-128").readAllBytes();
        ByteBuf in = Unpooled.wrappedBuffer(slow);
        try {
            assertThat(StandardSecurityFuzzTest.client().unwrap(in)).isEqualTo(SecurityHeader.SEC_ENCRYPT);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(in)).isEqualTo(hex("0e00170001ea0300000001001000"));
        } finally {
            in.release();
        }
        byte[] fast = getClass().getResourceAsStream(dir + "fastPath/encrypted-first-pdu-128").readAllBytes();
        ByteBuf f = Unpooled.wrappedBuffer(fast);
        ByteBuf plain = StandardSecurityFuzzTest.client().unwrapFastPath(f, ByteBufAllocator.DEFAULT);
        try {
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(plain)).isEqualTo(hex("000a0001020304050607"));
        } finally {
            plain.release();
            f.release();
        }
    }

    /** Static virtual channel chunks go behind an encrypting security header too (MS-RDPBCGR 2.2.6.1). */
    @Test
    void staticChannelChunksAreEncrypted() {
        StandardSecurity[] p = pair(128);
        dev.porthole.rdp.protocol.channel.StaticChannels channels = new dev.porthole.rdp.protocol.channel.StaticChannels(
                java.util.List.of(new dev.porthole.rdp.protocol.pdu.gcc.ChannelDef("cliprdr", 0)), java.util.List.of(1005),
                1 << 20, ByteBufAllocator.DEFAULT);
        ByteBuf message = Unpooled.wrappedBuffer(DATA);
        java.util.List<ByteBuf> frames = channels.encode("cliprdr", message, 1007, ByteBufAllocator.DEFAULT, p[0]);
        try {
            assertThat(frames).hasSize(1);
            DomainPdu.SendDataRequest sdr = (DomainPdu.SendDataRequest) DomainPdu.decode(frames.getFirst());
            assertThat(sdr.channelId()).isEqualTo(1005);
            ByteBuf user = sdr.userData();
            assertThat(p[1].unwrap(user)).isEqualTo(SecurityHeader.SEC_ENCRYPT);
            dev.porthole.rdp.protocol.pdu.rdp.VirtualChannelPdu pdu = dev.porthole.rdp.protocol.pdu.rdp.VirtualChannelPdu.decode(user);
            assertThat(io.netty.buffer.ByteBufUtil.getBytes(pdu.data())).isEqualTo(DATA);
        } finally {
            frames.forEach(ByteBuf::release);
            message.release();
            channels.release();
        }
    }

    static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }
}
