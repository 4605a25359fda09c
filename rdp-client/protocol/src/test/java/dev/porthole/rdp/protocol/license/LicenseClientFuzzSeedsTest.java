package dev.porthole.rdp.protocol.license;

import static org.assertj.core.api.Assertions.assertThat;

import dev.porthole.rdp.protocol.HexVectors;
import dev.porthole.rdp.protocol.pdu.license.NewLicenseInfo;
import dev.porthole.rdp.protocol.Decoding;
import org.junit.jupiter.api.Test;

/**
 * The fuzz harness's modes do what {@link LicenseClientFuzzTest} says: the primed client accepts the
 * fixed Server License Request, and the sealed messages pass the MAC check, so the saved seeds start the
 * fuzzer behind it.
 */
class LicenseClientFuzzSeedsTest {

    @Test
    void theSealedMessagesOfTheHarnessPassTheMacCheck() {
        LicenseClient challenged = LicenseClientFuzzTest.client();
        assertThat(challenged.onServerMessage(LicenseClientFuzzTest.validRequest())).isInstanceOf(LicenseClient.Reply.class);
        assertThat(challenged.onServerMessage(LicenseClientFuzzTest.sealed(HexVectors.parse("54 00 45 00 53 00 54 00 00 00"), 0)))
                .isInstanceOf(LicenseClient.Reply.class);
        assertThat(challenged.state()).isEqualTo(LicenseClient.State.AWAIT_LICENSE);

        byte[] clear = HexVectors.load("/vectors/ms-rdpele/4.6-new-license-info-decrypted.hex");
        LicenseClient issued = LicenseClientFuzzTest.client();
        issued.onServerMessage(LicenseClientFuzzTest.validRequest());
        LicenseClient.Done done = (LicenseClient.Done) issued.onServerMessage(LicenseClientFuzzTest.sealed(clear, 1));
        assertThat(done.outcome().license()).isEqualTo(Decoding.decodeAll(clear, NewLicenseInfo::decode));
        assertThat(done.outcome().result()).isEqualTo(LicenseOutcome.Result.LICENSE_ISSUED);
    }
}
