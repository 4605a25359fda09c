package dev.porthole.rdp.protocol.pdu.mcs;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.rdp.protocol.FuzzSupport;

/** Fuzz targets for the MCS/GCC connect decoders: only RdpException may escape. */
class McsConnectFuzzTest {


    @FuzzTest(maxDuration = "30s")
    void connectResponse(byte[] data) {
        FuzzSupport.decodeOnly(data, ConnectResponse::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void connectInitial(byte[] data) {
        FuzzSupport.decodeOnly(data, ConnectInitial::decode);
    }

    @FuzzTest(maxDuration = "30s")
    void domainPdu(byte[] data) {
        FuzzSupport.decodeOnly(data, DomainPdu::decode);
    }
}
