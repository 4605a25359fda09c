package dev.porthole.rdp.protocol.pdu.license;

import static dev.porthole.rdp.protocol.Arb.bytes;
import static dev.porthole.rdp.protocol.Arb.i32;
import static dev.porthole.rdp.protocol.Arb.u16;

import dev.porthole.rdp.protocol.Arb;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every licensing message round-trips, bare and behind its security header. */
class LicensePropertiesTest {

    static Arbitrary<LicenseBinaryBlob> blob() {
        return Combinators.combine(u16(), bytes(0, 300)).as(LicenseBinaryBlob::new);
    }

    @Provide
    Arbitrary<LicensePdu> licensePdus() {
        Arbitrary<LicenseMessage> message = Arbitraries.oneOf(
                Combinators.combine(bytes(32), Combinators.combine(i32(), Arb.text(40), Arb.text(10)).as(ProductInfo::new), blob(),
                        blob(), blob().list().ofMaxSize(4)).as(ServerLicenseRequest::new),
                Combinators.combine(i32(), i32(), bytes(32), blob(), blob(), blob()).as(ClientNewLicenseRequest::new),
                Combinators.combine(i32(), i32(), bytes(32), blob(), blob(), blob(), bytes(16)).as(ClientLicenseInfo::new),
                Combinators.combine(i32(), blob(), bytes(16)).as(ServerPlatformChallenge::new),
                Combinators.combine(blob(), blob(), bytes(16)).as(ClientPlatformChallengeResponse::new),
                Combinators.combine(blob(), bytes(16)).as(ServerLicense::issued),
                Combinators.combine(blob(), bytes(16)).as(ServerLicense::upgraded),
                Combinators.combine(i32(), i32(), blob()).as(LicenseErrorMessage::new));
        return Combinators.combine(Arbitraries.integers().between(0, 0xFF), message).as(LicensePdu::new);
    }

    @Property(tries = 500)
    void licensePdusRoundTrip(@ForAll("licensePdus") LicensePdu pdu) {
        Arb.roundTrip(pdu, pdu::encode, pdu.size(), LicensePdu::decode);
        Arb.roundTrip(pdu, pdu::encodeSecured, pdu.securedSize(), LicensePdu::decodeSecured);
    }

    @Provide
    Arbitrary<NewLicenseInfo> newLicenseInfos() {
        return Combinators.combine(i32(), Arbitraries.strings().withCharRange((char) 1, (char) 0xFF).ofMaxLength(30),
                Arb.text(30), Arb.text(10), bytes(0, 200)).as(NewLicenseInfo::new);
    }

    @Property(tries = 200)
    void clearLicensingStructuresRoundTrip(@ForAll("newLicenseInfos") NewLicenseInfo info,
                                           @ForAll int platform, @ForAll int d1, @ForAll int d2) {
        Arb.roundTrip(info, info::encode, info.size(), NewLicenseInfo::decode);
        ClientHardwareId id = new ClientHardwareId(platform, d1, d2, d1 ^ d2, d1 + d2);
        Arb.roundTrip(id, id::encode, id.size(), ClientHardwareId::decode);
        PlatformChallengeResponseData data = new PlatformChallengeResponseData(PlatformChallengeResponseData.VERSION,
                platform & 0xFFFF, d1 & 0xFFFF, dev.porthole.rdp.protocol.pdu.rdp.Bytes.of(java.nio.ByteBuffer.allocate(4).putInt(d2).array()));
        Arb.roundTrip(data, data::encode, data.size(), PlatformChallengeResponseData::decode);
    }
}
