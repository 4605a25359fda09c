package dev.porthole.rdp.protocol.license;

import java.nio.charset.StandardCharsets;

import dev.porthole.rdp.protocol.RdpException;
import dev.porthole.rdp.protocol.ntlm.EntropySource;
import dev.porthole.rdp.protocol.pdu.rdp.Bytes;

/**
 * What the licensing exchange (MS-RDPELE) needs from the caller, since the sans-I/O core reads no
 * files and makes no randomness of its own.
 *
 * @param entropy       the client random and premaster secret (MS-RDPELE 5.1.1)
 * @param deviceId      16 bytes identifying this device: Data1..Data4 of CLIENT_HARDWARE_ID
 *                      (MS-RDPELE 2.2.2.3.1, 3.3.1.9), stable across connections
 * @param platformId    the PlatformId of the client messages and the hardware id (MS-RDPELE 2.2.2.2)
 * @param storedLicense the CAL from the license store (pbLicenseInfo of an earlier NEW_LICENSE_INFO), sent in a
 *                      Client License Information message; {@code null} to ask for a new license
 */
public record LicensingSettings(EntropySource entropy, Bytes deviceId, int platformId, Bytes storedLicense) {

    static final String WHAT = "LicensingSettings";

    /** CLIENT_OS_ID_WINNT_POST_52 (MS-RDPELE footnote 9). */
    public static final int CLIENT_OS_ID_WINNT_POST_52 = 0x04000000;
    /** CLIENT_IMAGE_ID_MICROSOFT (MS-RDPELE footnote 10). */
    public static final int CLIENT_IMAGE_ID_MICROSOFT = 0x00010000;
    /** The platform id other RDP clients send (FreeRDP, and the MS-RDPELE 4.2 example): 0x04010000. */
    public static final int DEFAULT_PLATFORM_ID = CLIENT_OS_ID_WINNT_POST_52 | CLIENT_IMAGE_ID_MICROSOFT;

    public static final int DEVICE_ID_SIZE = 16;

    /**
     * No entropy: enough for servers that answer with the valid-client short cut, while a Server License
     * Request fails with an ARGUMENT error that says what is missing.
     */
    public static final LicensingSettings NONE = new LicensingSettings(out -> {
        throw new RdpException(RdpException.Kind.ARGUMENT, WHAT + ".entropy: the server asked for the full licensing "
                + "exchange (MS-RDPELE), which needs an EntropySource; none was given to the connector");
    }, Bytes.zeros(DEVICE_ID_SIZE), DEFAULT_PLATFORM_ID, null);

    public LicensingSettings {
        if (entropy == null) {
            throw RdpException.argument(WHAT, "entropy", "is null");
        }
        if (deviceId == null || deviceId.length() != DEVICE_ID_SIZE) {
            throw RdpException.argument(WHAT, "deviceId", "must have " + DEVICE_ID_SIZE + " bytes");
        }
        if (storedLicense != null && (storedLicense.isEmpty() || storedLicense.length() > 0xFFFF)) {
            throw RdpException.argument(WHAT, "storedLicense", "must have 1 to 65535 bytes");
        }
    }

    /** Asks for a new license with the default platform id. */
    public static LicensingSettings of(EntropySource entropy, Bytes deviceId) {
        return new LicensingSettings(entropy, deviceId, DEFAULT_PLATFORM_ID, null);
    }

    /** These settings presenting {@code license} from the license store. */
    public LicensingSettings withStoredLicense(Bytes license) {
        return new LicensingSettings(entropy, deviceId, platformId, license);
    }

    /**
     * A device id derived from a name (MD5 of its UTF-8 bytes), as FreeRDP derives its hardware id from the
     * host name; for callers that have no persistent device identity yet.
     */
    public static Bytes deviceIdFromName(String name) {
        return Bytes.of(LicensingCrypto.md5(name.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return WHAT + "[platformId=0x" + Integer.toHexString(platformId) + ", deviceId=" + DEVICE_ID_SIZE + " bytes, "
                + (storedLicense == null ? "no stored license" : "stored license of " + storedLicense.length() + " bytes") + "]";
    }
}
