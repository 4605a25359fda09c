package dev.porthole.rdp.protocol.pdu.rdp;

import java.util.Map;
import java.util.TreeMap;

/**
 * The errorInfo codes of MS-RDPBCGR 2.2.5.1.1 (Set Error Info PDU), each with its specification name and
 * a sentence a person at the device can read as the reason the session ended. Unknown codes get a
 * generic sentence that shows the number.
 */
public final class ErrorInfo {

    public static final int ERRINFO_NONE = 0x00000000;
    public static final int ERRINFO_RPC_INITIATED_DISCONNECT = 0x00000001;
    public static final int ERRINFO_RPC_INITIATED_LOGOFF = 0x00000002;
    public static final int ERRINFO_IDLE_TIMEOUT = 0x00000003;
    public static final int ERRINFO_LOGON_TIMEOUT = 0x00000004;
    public static final int ERRINFO_DISCONNECTED_BY_OTHERCONNECTION = 0x00000005;
    public static final int ERRINFO_SERVER_SHUTDOWN = 0x00000019;
    public static final int ERRINFO_SERVER_REBOOT = 0x0000001A;
    public static final int ERRINFO_LOGOFF_BY_USER = 0x0000000C;
    public static final int ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER = 0x0000000B;
    public static final int ERRINFO_LICENSE_NO_LICENSE_SERVER = 0x00000101;

    private record Entry(String name, String sentence) {}

    private static final Map<Integer, Entry> TABLE = new TreeMap<>();

    private static void e(int code, String name, String sentence) {
        TABLE.put(code, new Entry(name, sentence));
    }

    static {
        // Protocol-independent codes.
        e(0x00000000, "ERRINFO_NONE", "No error was reported.");
        e(0x00000001, "ERRINFO_RPC_INITIATED_DISCONNECT", "An administrator disconnected this session from another session on the server.");
        e(0x00000002, "ERRINFO_RPC_INITIATED_LOGOFF", "An administrator logged this session off from another session on the server.");
        e(0x00000003, "ERRINFO_IDLE_TIMEOUT", "The session was idle longer than the server allows.");
        e(0x00000004, "ERRINFO_LOGON_TIMEOUT", "The session reached the server's time limit for active sessions.");
        e(0x00000005, "ERRINFO_DISCONNECTED_BY_OTHERCONNECTION", "Someone else connected to this session, so this connection was closed.");
        e(0x00000006, "ERRINFO_OUT_OF_MEMORY", "The server ran out of memory.");
        e(0x00000007, "ERRINFO_SERVER_DENIED_CONNECTION", "The server refused the connection.");
        e(0x00000009, "ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES", "This user is not allowed to connect to the server.");
        e(0x0000000A, "ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED", "The server does not accept saved credentials; the password must be typed in for every connection.");
        e(0x0000000B, "ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER", "The session was disconnected by an administrative tool running inside the session.");
        e(0x0000000C, "ERRINFO_LOGOFF_BY_USER", "The user logged off.");
        e(0x0000000F, "ERRINFO_CLOSE_STACK_ON_DRIVER_NOT_READY", "The remote display driver did not start in time.");
        e(0x00000010, "ERRINFO_SERVER_DWM_CRASH", "The desktop window manager of the remote session crashed.");
        e(0x00000011, "ERRINFO_CLOSE_STACK_ON_DRIVER_FAILURE", "The remote display driver failed to start.");
        e(0x00000012, "ERRINFO_CLOSE_STACK_ON_DRIVER_IFACE_FAILURE", "The remote display driver started but could not be used for remoting.");
        e(0x00000017, "ERRINFO_SERVER_WINLOGON_CRASH", "The logon process of the remote session crashed.");
        e(0x00000018, "ERRINFO_SERVER_CSRSS_CRASH", "A core system process (CSRSS) of the remote session crashed.");
        e(0x00000019, "ERRINFO_SERVER_SHUTDOWN", "The server is shutting down.");
        e(0x0000001A, "ERRINFO_SERVER_REBOOT", "The server is restarting.");
        // Licensing.
        e(0x00000100, "ERRINFO_LICENSE_INTERNAL", "The server's licensing component failed internally.");
        e(0x00000101, "ERRINFO_LICENSE_NO_LICENSE_SERVER", "The server could not find a Remote Desktop license server.");
        e(0x00000102, "ERRINFO_LICENSE_NO_LICENSE", "No client access licenses are left for this server.");
        e(0x00000103, "ERRINFO_LICENSE_BAD_CLIENT_MSG", "The server received an invalid licensing message from this client.");
        e(0x00000104, "ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE", "The client access license stored on this device was modified.");
        e(0x00000105, "ERRINFO_LICENSE_BAD_CLIENT_LICENSE", "The client access license stored on this device is invalid.");
        e(0x00000106, "ERRINFO_LICENSE_CANT_FINISH_PROTOCOL", "Network problems interrupted the licensing exchange.");
        e(0x00000107, "ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL", "This client ended the licensing exchange too early.");
        e(0x00000108, "ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION", "A licensing message was encrypted incorrectly.");
        e(0x00000109, "ERRINFO_LICENSE_CANT_UPGRADE_LICENSE", "The client access license stored on this device could not be upgraded or renewed.");
        e(0x0000010A, "ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS", "The server is not licensed to accept remote connections.");
        // Connection broker.
        e(0x00000400, "ERRINFO_CB_DESTINATION_NOT_FOUND", "The connection broker could not find the target computer.");
        e(0x00000402, "ERRINFO_CB_LOADING_DESTINATION", "The target computer is disconnecting from the connection broker.");
        e(0x00000404, "ERRINFO_CB_REDIRECTING_TO_DESTINATION", "Redirecting the connection to the target computer failed.");
        e(0x00000405, "ERRINFO_CB_SESSION_ONLINE_VM_WAKE", "Waking the target virtual machine failed.");
        e(0x00000406, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT", "Starting the target virtual machine failed.");
        e(0x00000407, "ERRINFO_CB_SESSION_ONLINE_VM_NO_DNS", "The address of the target virtual machine could not be determined.");
        e(0x00000408, "ERRINFO_CB_DESTINATION_POOL_NOT_FREE", "No computer in the connection broker's pool is available.");
        e(0x00000409, "ERRINFO_CB_CONNECTION_CANCELLED", "The connection broker cancelled the connection.");
        e(0x00000410, "ERRINFO_CB_CONNECTION_ERROR_INVALID_SETTINGS", "The connection broker could not validate the routing settings this client sent.");
        e(0x00000411, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT_TIMEOUT", "Starting the target virtual machine took too long.");
        e(0x00000412, "ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED", "Session monitoring failed while the target virtual machine was starting.");
        // RDP protocol errors: the server judged something this client sent to be wrong.
        e(0x000010C9, "ERRINFO_UNKNOWNPDUTYPE2", "The server received a data PDU of an unknown type.");
        e(0x000010CA, "ERRINFO_UNKNOWNPDUTYPE", "The server received a share control PDU of an unknown type.");
        e(0x000010CB, "ERRINFO_DATAPDUSEQUENCE", "The server received a slow-path data PDU out of sequence.");
        e(0x000010CD, "ERRINFO_CONTROLPDUSEQUENCE", "The server received a capability exchange or redirection PDU out of sequence.");
        e(0x000010CE, "ERRINFO_INVALIDCONTROLPDUACTION", "The server received a Control PDU with an invalid action.");
        e(0x000010CF, "ERRINFO_INVALIDINPUTPDUTYPE", "The server received an input event of an invalid type.");
        e(0x000010D0, "ERRINFO_INVALIDINPUTPDUMOUSE", "The server received a mouse event with invalid flags.");
        e(0x000010D1, "ERRINFO_INVALIDREFRESHRECTPDU", "The server received an invalid Refresh Rect PDU.");
        e(0x000010D2, "ERRINFO_CREATEUSERDATAFAILED", "The server could not build its connection settings (GCC user data).");
        e(0x000010D3, "ERRINFO_CONNECTFAILED", "Joining the virtual channels failed on the server.");
        e(0x000010D4, "ERRINFO_CONFIRMACTIVEWRONGSHAREID", "The server received a Confirm Active PDU with the wrong share id.");
        e(0x000010D5, "ERRINFO_CONFIRMACTIVEWRONGORIGINATOR", "The server received a Confirm Active PDU with the wrong originator id.");
        e(0x000010DA, "ERRINFO_PERSISTENTKEYPDUBADLENGTH", "The server received a Persistent Key List PDU that was too short.");
        e(0x000010DB, "ERRINFO_PERSISTENTKEYPDUILLEGALFIRST", "The server received a second Persistent Key List PDU marked as the first.");
        e(0x000010DC, "ERRINFO_PERSISTENTKEYPDUTOOMANYTOTALKEYS", "The server received a Persistent Key List announcing more than 262,144 bitmap keys.");
        e(0x000010DD, "ERRINFO_PERSISTENTKEYPDUTOOMANYCACHEKEYS", "The server received a Persistent Key List with more keys than a bitmap cache can hold.");
        e(0x000010DE, "ERRINFO_INPUTPDUBADLENGTH", "The server received an input PDU that was too short.");
        e(0x000010DF, "ERRINFO_BITMAPCACHEERRORPDUBADLENGTH", "The server received a Bitmap Cache Error PDU that was too short.");
        e(0x000010E0, "ERRINFO_SECURITYDATATOOSHORT", "The server received a fast-path input PDU whose security fields were too short.");
        e(0x000010E1, "ERRINFO_VCHANNELDATATOOSHORT", "The server received virtual channel data or a channel list that was too short.");
        e(0x000010E2, "ERRINFO_SHAREDATATOOSHORT", "The server received a share header or control PDU that was too short.");
        e(0x000010E3, "ERRINFO_BADSUPRESSOUTPUTPDU", "The server received an invalid Suppress Output PDU.");
        e(0x000010E5, "ERRINFO_CONFIRMACTIVEPDUTOOSHORT", "The server received a Confirm Active PDU that was too short.");
        e(0x000010E7, "ERRINFO_CAPABILITYSETTOOSMALL", "The server received a capability set too short for its header.");
        e(0x000010E8, "ERRINFO_CAPABILITYSETTOOLARGE", "The server received a capability set longer than the data that came with it.");
        e(0x000010E9, "ERRINFO_NOCURSORCACHE", "The client announced no pointer cache at all.");
        e(0x000010EA, "ERRINFO_BADCAPABILITIES", "The server did not accept this client's capabilities.");
        e(0x000010EC, "ERRINFO_VIRTUALCHANNELDECOMPRESSIONERR", "The server could not decompress virtual channel data from this client.");
        e(0x000010ED, "ERRINFO_INVALIDVCCOMPRESSIONTYPE", "The server received virtual channel data with an invalid compression type.");
        e(0x000010EF, "ERRINFO_INVALIDCHANNELID", "The server received data for a channel it never assigned.");
        e(0x000010F0, "ERRINFO_VCHANNELSTOOMANY", "The client asked for more than 31 static virtual channels.");
        e(0x000010F3, "ERRINFO_REMOTEAPPSNOTENABLED", "The server only hosts remote applications and the client did not ask for RemoteApp mode.");
        e(0x000010F4, "ERRINFO_CACHECAPNOTSET", "The client sent a Persistent Key List without announcing Revision 2 bitmap caches.");
        e(0x000010F5, "ERRINFO_BITMAPCACHEERRORPDUBADLENGTH2", "The server received a Bitmap Cache Error PDU whose block count does not match its data.");
        e(0x000010F6, "ERRINFO_OFFSCRCACHEERRORPDUBADLENGTH", "The server received an Offscreen Bitmap Cache Error PDU that was too short.");
        e(0x000010F7, "ERRINFO_DNGCACHEERRORPDUBADLENGTH", "The server received a DrawNineGrid Cache Error PDU that was too short.");
        e(0x000010F8, "ERRINFO_GDIPLUSPDUBADLENGTH", "The server received a GDI+ Error PDU that was too short.");
        e(0x00001111, "ERRINFO_SECURITYDATATOOSHORT2", "The server received a PDU too short for its basic security header.");
        e(0x00001112, "ERRINFO_SECURITYDATATOOSHORT3", "The server received a PDU too short for its signed security header.");
        e(0x00001113, "ERRINFO_SECURITYDATATOOSHORT4", "The server received a Security Exchange PDU that was too short.");
        e(0x00001114, "ERRINFO_SECURITYDATATOOSHORT5", "The server received a Client Info PDU whose logon strings were cut short.");
        e(0x00001115, "ERRINFO_SECURITYDATATOOSHORT6", "The server received a Client Info PDU too short for its fixed fields.");
        e(0x00001116, "ERRINFO_SECURITYDATATOOSHORT7", "The server received extended client info too short for the client address length.");
        e(0x00001117, "ERRINFO_SECURITYDATATOOSHORT8", "The server received extended client info with the client address cut short.");
        e(0x00001118, "ERRINFO_SECURITYDATATOOSHORT9", "The server received extended client info too short for the client directory length.");
        e(0x00001119, "ERRINFO_SECURITYDATATOOSHORT10", "The server received extended client info with the client directory cut short.");
        e(0x0000111A, "ERRINFO_SECURITYDATATOOSHORT11", "The server received extended client info with the time zone cut short.");
        e(0x0000111B, "ERRINFO_SECURITYDATATOOSHORT12", "The server received extended client info with the client session id cut short.");
        e(0x0000111C, "ERRINFO_SECURITYDATATOOSHORT13", "The server received extended client info with the performance flags cut short.");
        e(0x0000111D, "ERRINFO_SECURITYDATATOOSHORT14", "The server received extended client info with the reconnect cookie length cut short.");
        e(0x0000111E, "ERRINFO_SECURITYDATATOOSHORT15", "The server received extended client info with the reconnect cookie cut short.");
        e(0x0000111F, "ERRINFO_SECURITYDATATOOSHORT16", "The server received a reconnect cookie longer than 128 bytes.");
        e(0x00001120, "ERRINFO_SECURITYDATATOOSHORT17", "The server received extended client info too short for the client address length.");
        e(0x00001121, "ERRINFO_SECURITYDATATOOSHORT18", "The server received extended client info with the client address cut short.");
        e(0x00001122, "ERRINFO_SECURITYDATATOOSHORT19", "The server received extended client info too short for the client directory length.");
        e(0x00001123, "ERRINFO_SECURITYDATATOOSHORT20", "The server received extended client info with the client directory cut short.");
        e(0x00001124, "ERRINFO_SECURITYDATATOOSHORT21", "The server received extended client info with the time zone cut short.");
        e(0x00001125, "ERRINFO_SECURITYDATATOOSHORT22", "The server received extended client info with the client session id cut short.");
        e(0x00001126, "ERRINFO_SECURITYDATATOOSHORT23", "The server received a Client Info PDU that was too short.");
        e(0x00001129, "ERRINFO_BADMONITORDATA", "The client listed fewer monitors than it announced.");
        e(0x0000112A, "ERRINFO_VCDECOMPRESSEDREASSEMBLEFAILED", "Virtual channel data from this client did not fit the server's reassembly buffer after decompression.");
        e(0x0000112B, "ERRINFO_VCDATATOOLONG", "The client sent a virtual channel chunk larger than the agreed chunk size.");
        e(0x0000112C, "ERRINFO_BAD_FRAME_ACK_DATA", "The server received a Frame Acknowledge PDU that was too short.");
        e(0x0000112D, "ERRINFO_GRAPHICSMODENOTSUPPORTED", "The server does not support the graphics mode this client asked for.");
        e(0x0000112E, "ERRINFO_GRAPHICSSUBSYSTEMRESETFAILED", "The server's graphics subsystem failed to reset.");
        e(0x0000112F, "ERRINFO_GRAPHICSSUBSYSTEMFAILED", "The server's graphics subsystem failed and cannot encode graphics any more.");
        e(0x00001130, "ERRINFO_TIMEZONEKEYNAMELENGTHTOOSHORT", "The server received extended client info with the time zone key name length cut short.");
        e(0x00001131, "ERRINFO_TIMEZONEKEYNAMELENGTHTOOLONG", "The server received a time zone key name that was too long.");
        e(0x00001132, "ERRINFO_DYNAMICDSTDISABLEDFIELDMISSING", "The server received extended client info without the dynamic daylight time field.");
        e(0x00001133, "ERRINFO_VCDECODINGERROR", "The server failed to process dynamic virtual channel data.");
        e(0x00001134, "ERRINFO_VIRTUALDESKTOPTOOLARGE", "The monitor layout makes the virtual desktop wider or taller than 32,766 pixels.");
        e(0x00001135, "ERRINFO_MONITORGEOMETRYVALIDATIONFAILED", "The monitor layout this client sent is invalid.");
        e(0x00001136, "ERRINFO_INVALIDMONITORCOUNT", "The client announced too many monitors.");
        e(0x00001191, "ERRINFO_UPDATESESSIONKEYFAILED", "Updating the Standard RDP Security session keys failed.");
        e(0x00001192, "ERRINFO_DECRYPTFAILED", "Standard RDP Security decryption or session key creation failed.");
        e(0x00001193, "ERRINFO_ENCRYPTFAILED", "Standard RDP Security encryption failed.");
        e(0x00001194, "ERRINFO_ENCPKGMISMATCH", "The server and this client share no encryption method.");
        e(0x00001195, "ERRINFO_DECRYPTFAILED2", "The server received unencrypted data where encryption was required.");
    }

    private ErrorInfo() {}

    /** Whether {@code code} is one of the codes listed in 2.2.5.1.1. */
    public static boolean isKnown(int code) {
        return TABLE.containsKey(code);
    }

    /** The specification name, e.g. ERRINFO_IDLE_TIMEOUT, or the code in hex when unknown. */
    public static String name(int code) {
        Entry e = TABLE.get(code);
        return e != null ? e.name() : String.format("0x%08X", code);
    }

    /** A sentence explaining {@code code} to a person. */
    public static String describe(int code) {
        Entry e = TABLE.get(code);
        return e != null ? e.sentence()
                : String.format("The server ended the session with error code 0x%08X, which this client does not know.", code);
    }

    /** All known codes in ascending order. */
    public static int[] knownCodes() {
        return TABLE.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Whether the code ends the session on purpose (logoff, administrator, idle or session time limit,
     * another connection taking over, shutdown) rather than through a fault; an embedder should not
     * auto-reconnect after these.
     */
    public static boolean isIntentional(int code) {
        return switch (code) {
            case ERRINFO_RPC_INITIATED_DISCONNECT, ERRINFO_RPC_INITIATED_LOGOFF, ERRINFO_IDLE_TIMEOUT, ERRINFO_LOGON_TIMEOUT,
                 ERRINFO_DISCONNECTED_BY_OTHERCONNECTION, ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER, ERRINFO_LOGOFF_BY_USER -> true;
            default -> false;
        };
    }
}
