package dev.porthole.rdp.protocol.pdu.license;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.Decoding;

/** Fuzz targets for the licensing decoders. */
class LicenseFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void licensePdu(byte[] data) {
        Decoding.fuzzStable(data, LicensePdu::decode, LicensePdu::encode);
    }

    @FuzzTest(maxDuration = "60s")
    void securedLicensePdu(byte[] data) {
        Decoding.fuzzStable(data, LicensePdu::decodeSecured, LicensePdu::encodeSecured);
    }

    @FuzzTest(maxDuration = "60s")
    void clearStructures(byte[] data) {
        Decoding.fuzzStable(data, NewLicenseInfo::decode, NewLicenseInfo::encode);
        Decoding.fuzzStable(data, PlatformChallengeResponseData::decode, PlatformChallengeResponseData::encode);
    }
}
