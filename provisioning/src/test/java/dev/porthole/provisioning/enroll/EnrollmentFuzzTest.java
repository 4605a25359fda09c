package dev.porthole.provisioning.enroll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.porthole.provisioning.ProvisioningException;
import dev.porthole.provisioning.pki.Csr;

/**
 * Fuzz targets for the enrollment decoders the fleet runs on bytes from claimants (invariant 4): the request, the
 * CSR inside it, and the claim bundle file. Only a value or a {@link ProvisioningException} may come out.
 */
class EnrollmentFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void request(byte[] data) {
        try {
            EnrollmentProtocol.Request r = EnrollmentProtocol.Request.parse(data);
            Csr.parse(r.csrDer());
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void csr(byte[] data) {
        try {
            Csr.parse(data);
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }

    @FuzzTest(maxDuration = "60s")
    void claimBundle(byte[] data) {
        try {
            ClaimBundle.parse(data);
        } catch (ProvisioningException expected) {
            // the only acceptable failure
        }
    }
}
