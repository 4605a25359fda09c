package dev.porthole.rdp.protocol.license;

import dev.porthole.rdp.protocol.pdu.license.NewLicenseInfo;

/**
 * How the licensing phase ended (MS-RDPELE 3.3.1.11, "Client Licensing Completed").
 *
 * @param result  what the server decided
 * @param license the license the server issued or upgraded ({@link Result#LICENSE_ISSUED},
 *                {@link Result#LICENSE_UPGRADED}), for the caller to store (MS-RDPELE 3.3.5.6); otherwise null
 * @param detail  a one-line description for logs (no secrets)
 */
public record LicenseOutcome(Result result, NewLicenseInfo license, String detail) {

    public enum Result {
        /** STATUS_VALID_CLIENT: licensing is over, no license issued. */
        VALID_CLIENT,
        /** SERVER_NEW_LICENSE (MS-RDPELE 2.2.2.7). */
        LICENSE_ISSUED,
        /** SERVER_UPGRADE_LICENSE (MS-RDPELE 2.2.2.6). */
        LICENSE_UPGRADED,
        /** A licensing error with ST_NO_TRANSITION: the server reported a problem and let the connection go on. */
        CONTINUED_AFTER_ERROR
    }

    @Override
    public String toString() {
        return "LicenseOutcome[" + result + ": " + detail + "]";
    }
}
