package dev.porthole.plugin.sandbox.pkg;

import java.util.List;
import java.util.Set;

import dev.porthole.plugin.sandbox.SandboxException;

/**
 * Which DVC names a plugin may declare: any name except those the device itself serves (graphics,
 * display control, input, audio, device redirection and the other built-in channels of the RDP
 * client), so a plugin can never capture a channel the session depends on.
 */
public record ChannelPolicy(Set<String> reserved) {

    /** The DVC listener names of the MS-RDP* extensions a full client serves itself. */
    public static final Set<String> BUILT_IN = Set.of(
            "Microsoft::Windows::RDS::Graphics",               // MS-RDPEGFX
            "Microsoft::Windows::RDS::DisplayControl",         // MS-RDPEDISP
            "Microsoft::Windows::RDS::Input",                  // MS-RDPEI
            "Microsoft::Windows::RDS::Geometry::v08.01",       // MS-RDPEGT
            "Microsoft::Windows::RDS::Video::Control::v08.01", // MS-RDPEVOR
            "Microsoft::Windows::RDS::Video::Data::v08.01",
            "Microsoft::Windows::RDS::AuthRedirection",        // MS-RDPEAR
            "Microsoft::Windows::RDS::Telemetry",              // MS-RDPET
            "Microsoft::Windows::RDS::MouseCursor",            // MS-RDPEMSC
            "Microsoft::Windows::RDS::CoreInput",
            "Microsoft::Windows::RDS::Location",               // MS-RDPEL
            "Microsoft::Windows::RDS::DesktopSize",
            "AUDIO_INPUT",                                     // MS-RDPEAI
            "AUDIO_PLAYBACK_DVC", "AUDIO_PLAYBACK_LOSSY_DVC",  // MS-RDPEA
            "URBDRC",                                          // MS-RDPEUSB
            "RDCamera_Device_Enumerator",                      // MS-RDPECAM
            "PNPDR", "FileRedirectorChannel",                  // MS-RDPEPNP
            "TSMF",                                            // MS-RDPEV
            "ECHO",                                            // MS-RDPEECO
            "DRDYNVC");

    public ChannelPolicy {
        reserved = Set.copyOf(reserved);
    }

    /** The default policy: the built-in names are reserved. */
    public static ChannelPolicy defaults() {
        return new ChannelPolicy(BUILT_IN);
    }

    /**
     * Fails when a declared channel is reserved.
     *
     * @throws SandboxException POLICY naming the channel
     */
    public void check(List<String> declared) {
        for (String c : declared) {
            if (reserved.contains(c)) {
                throw new SandboxException(SandboxException.Kind.POLICY, "manifest.json: channel '" + c
                        + "' is served by the device itself and cannot be claimed by a plugin");
            }
        }
    }
}
