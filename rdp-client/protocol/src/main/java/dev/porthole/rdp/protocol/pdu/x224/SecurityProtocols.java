package dev.porthole.rdp.protocol.pdu.x224;

import java.util.ArrayList;
import java.util.List;

/**
 * Security protocol flags of RDP_NEG_REQ.requestedProtocols and RDP_NEG_RSP.selectedProtocol
 * (MS-RDPBCGR 2.2.1.1.1 and 2.2.1.2.1).
 */
public final class SecurityProtocols {

    /** Standard RDP Security (MS-RDPBCGR 5.3). */
    public static final int PROTOCOL_RDP = 0x00000000;
    /** TLS 1.0, 1.1 or 1.2 (MS-RDPBCGR 5.4.5.1). */
    public static final int PROTOCOL_SSL = 0x00000001;
    /** CredSSP (MS-CSSP); implies TLS. */
    public static final int PROTOCOL_HYBRID = 0x00000002;
    /** RDSTLS (MS-RDPBCGR 5.4.5.3). */
    public static final int PROTOCOL_RDSTLS = 0x00000004;
    /** CredSSP with the Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2). */
    public static final int PROTOCOL_HYBRID_EX = 0x00000008;
    /** RDS AAD Auth (MS-RDPBCGR 5.4.5.4). */
    public static final int PROTOCOL_RDSAAD = 0x00000010;

    private SecurityProtocols() {}

    /** Names of the flags set in {@code protocols}, for messages and logs ({@code RDP} when none). */
    public static String describe(int protocols) {
        if (protocols == PROTOCOL_RDP) {
            return "RDP";
        }
        List<String> names = new ArrayList<>();
        int rest = protocols;
        String[] label = {"SSL", "HYBRID", "RDSTLS", "HYBRID_EX", "RDSAAD"};
        for (int bit = 0; bit < label.length; bit++) {
            if ((protocols & (1 << bit)) != 0) {
                names.add(label[bit]);
                rest &= ~(1 << bit);
            }
        }
        if (rest != 0) {
            names.add(String.format("0x%08x", rest));
        }
        return String.join("|", names);
    }
}
