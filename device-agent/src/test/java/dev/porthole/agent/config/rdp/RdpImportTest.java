package dev.porthole.agent.config.rdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.porthole.agent.config.AgentConfig;
import dev.porthole.agent.config.ConfigParser;
import dev.porthole.agent.config.ConfigWriter;
import dev.porthole.agent.config.HostAddress;

class RdpImportTest {

    /** Written for this test in the layout mstsc saves (CRLF lines, settings in mstsc's order). */
    static final String MSTSC = String.join("\r\n",
            "screen mode id:i:2",
            "use multimon:i:0",
            "desktopwidth:i:1680",
            "desktopheight:i:1050",
            "session bpp:i:24",
            "winposstr:s:0,3,0,0,800,600",
            "compression:i:1",
            "keyboardhook:i:2",
            "audiocapturemode:i:0",
            "videoplaybackmode:i:1",
            "connection type:i:7",
            "networkautodetect:i:1",
            "bandwidthautodetect:i:1",
            "displayconnectionbar:i:1",
            "enableworkspacereconnect:i:0",
            "disable wallpaper:i:0",
            "allow font smoothing:i:0",
            "allow desktop composition:i:0",
            "disable full window drag:i:1",
            "disable menu anims:i:1",
            "disable themes:i:0",
            "disable cursor setting:i:0",
            "bitmapcachepersistenable:i:1",
            "full address:s:rds.corp.example:3390",
            "audiomode:i:0",
            "redirectprinters:i:1",
            "redirectcomports:i:0",
            "redirectsmartcards:i:1",
            "redirectclipboard:i:1",
            "redirectposdevices:i:0",
            "autoreconnection enabled:i:1",
            "authentication level:i:2",
            "prompt for credentials:i:0",
            "negotiate security layer:i:1",
            "remoteapplicationmode:i:0",
            "alternate shell:s:",
            "shell working directory:s:",
            "gatewayhostname:s:gw.corp.example",
            "gatewayusagemethod:i:2",
            "gatewaycredentialssource:i:4",
            "gatewayprofileusagemethod:i:0",
            "promptcredentialonce:i:0",
            "gatewaybrokeringtype:i:0",
            "use redirection server name:i:0",
            "rdgiskdcproxy:i:0",
            "kdcproxyname:s:",
            "drivestoredirect:s:",
            "username:s:CORP\\frontdesk",
            "loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Kiosks",
            "enablecredsspsupport:i:1",
            "someday new setting:s:x",
            "");

    static byte[] utf16leWithBom(String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xff);
        b.write(0xfe);
        b.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
        return b.toByteArray();
    }

    @Test
    void mstscUtf16FileBecomesAConfiguration() {
        RdpImport.Result r = RdpImport.toConfig(RdpFile.parse(utf16leWithBom(MSTSC)));
        AgentConfig c = r.config();
        assertThat(c.connection().hosts()).containsExactly(new HostAddress("rds.corp.example", 3390));
        assertThat(c.connection().loadBalanceInfo()).isEqualTo("tsv://MS Terminal Services Plugin.1.Kiosks");
        assertThat(c.connection().security()).isEqualTo(AgentConfig.Security.AUTO);
        assertThat(c.credentials().username()).isEqualTo("frontdesk");
        assertThat(c.credentials().domain()).isEqualTo("CORP");
        assertThat(c.credentials().mode()).isEqualTo(AgentConfig.CredentialsMode.KIOSK);
        assertThat(c.desktop()).isEqualTo(new AgentConfig.Desktop(1680, 1050, 24, 1));
        assertThat(r.unsupported()).anyMatch(s -> s.startsWith("gatewayhostname: RD Gateway is not supported"))
                .anyMatch(s -> s.startsWith("gatewayusagemethod"))
                .anyMatch(s -> s.startsWith("redirectprinters: device redirection"))
                .anyMatch(s -> s.startsWith("redirectsmartcards"))
                .anyMatch(s -> s.startsWith("audiomode 0"));
        assertThat(r.unsupported()).noneMatch(s -> s.startsWith("redirectcomports"));
        assertThat(r.ignored()).contains("someday new setting: unknown setting", "screen mode id: no effect on the appliance",
                "redirectcomports (off)");
        assertThat(r.applied()).anyMatch(s -> s.startsWith("full address -> connection.hosts"))
                .anyMatch(s -> s.contains("set-password"));
        // the result is a valid configuration file
        assertThat(ConfigParser.parse(ConfigWriter.write(c), "imported")).isEqualTo(c);
    }

    @Test
    void utf8WithAndWithoutBomReadsTheSame() {
        String text = "full address:s:h.example\nusername:s:bob\ndomain:s:LAB\nprompt for credentials:i:1\n";
        RdpFile plain = RdpFile.parse(text.getBytes(StandardCharsets.UTF_8));
        byte[] bom = new byte[text.length() + 3];
        bom[0] = (byte) 0xef;
        bom[1] = (byte) 0xbb;
        bom[2] = (byte) 0xbf;
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, bom, 3, text.length());
        assertThat(RdpFile.parse(bom)).isEqualTo(plain);
        assertThat(RdpFile.parse(utf16leWithBom(text))).isEqualTo(plain);
        RdpImport.Result r = RdpImport.toConfig(plain);
        assertThat(r.config().credentials().mode()).isEqualTo(AgentConfig.CredentialsMode.INTERACTIVE);
        assertThat(r.config().credentials().domain()).isEqualTo("LAB");
        assertThat(r.config().desktop().followsDisplay()).isTrue();
    }

    @Test
    void nonAsciiValuesSurviveUtf16() {
        RdpFile f = RdpFile.parse(utf16leWithBom("username:s:jürgen.ßtraße\r\nfull address:s:h\r\n"));
        assertThat(RdpImport.toConfig(f).config().credentials().username()).isEqualTo("jürgen.ßtraße");
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> RdpFile.parse(utf16leWithBom("full address:s:h\r\nthis is not a setting\r\n")))
                .isInstanceOf(RdpFileException.class).hasMessageStartingWith("line 2: ");
        assertThatThrownBy(() -> RdpFile.parse("a:s:1\nb:x:2\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("line 2: 'b' has type 'x'; the type must be s, i or b");
        assertThatThrownBy(() -> RdpFile.parse("\n\ndesktopwidth:i:wide\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("line 3: 'desktopwidth' has type i but value 'wide' is not an integer");
        assertThatThrownBy(() -> RdpImport.toConfig(RdpFile.parse(
                "full address:s:h\ndesktopwidth:i:100\ndesktopheight:i:100\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("line 2: desktopwidth 100 is outside 200..8192");
        assertThatThrownBy(() -> RdpImport.toConfig(RdpFile.parse(
                "full address:s:bad host name\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageStartingWith("line 1: full address: ");
        assertThatThrownBy(() -> RdpImport.toConfig(RdpFile.parse(
                "desktopwidth:i:1024\nfull address:s:h\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageStartingWith("line 1: desktopheight is missing");
        assertThatThrownBy(() -> RdpImport.toConfig(RdpFile.parse("session bpp:i:12\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageStartingWith("line 1: session bpp 12");
        byte[] badUtf8 = {'a', ':', 's', ':', 'x', '\n', 'b', ':', 's', ':', (byte) 0xc3, '\n'};
        assertThatThrownBy(() -> RdpFile.parse(badUtf8)).hasMessageStartingWith("line 2: the file is not valid UTF-8");
        assertThatThrownBy(() -> RdpFile.parse(new byte[RdpFile.MAX_BYTES + 1])).hasMessageContaining("larger than");
    }

    @Test
    void missingAddressIsReportedAndLegacyDepthsMapTo16() {
        RdpImport.Result r = RdpImport.toConfig(RdpFile.parse("session bpp:i:15\nenablecredsspsupport:i:0\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(r.config().hasHost()).isFalse();
        assertThat(r.unsupported()).anyMatch(s -> s.contains("no 'full address'"));
        assertThat(r.config().desktop().bpp()).isEqualTo(16);
        assertThat(r.config().connection().security()).isEqualTo(AgentConfig.Security.TLS);
    }
}
