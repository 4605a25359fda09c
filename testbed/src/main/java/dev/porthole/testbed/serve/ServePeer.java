package dev.porthole.testbed.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;

import dev.porthole.testbed.Peer;
import dev.porthole.testbed.freerdp.FreeRdpShadowServer;
import dev.porthole.testbed.xrdp.XrdpServer;

/**
 * Runs one RDP test peer on loopback until the process is told to stop (SIGTERM/SIGINT), for scripts such as
 * {@code benchmarks/run-connect.sh}:
 * {@code java -cp ... dev.porthole.testbed.serve.ServePeer freerdp|xrdp PASSWORD_FILE}. Prints one
 * {@code key=value} line per setting (host, port, user, domain, sha256, display) and then {@code ready}; the
 * password goes only to PASSWORD_FILE (mode 0600).
 */
public final class ServePeer {

    private ServePeer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("freerdp") || args[0].equals("xrdp"))) {
            System.err.println("usage: ServePeer freerdp|xrdp PASSWORD_FILE");
            System.exit(2);
        }
        Path passwordFile = Path.of(args[1]);
        Peer peer;
        String user;
        String domain;
        String password;
        String sha256;
        String host;
        int port;
        if (args[0].equals("freerdp")) {
            FreeRdpShadowServer s = FreeRdpShadowServer.start(1024, 768);
            peer = s;
            user = s.username();
            domain = s.domain();
            password = s.password();
            sha256 = s.certificateSha256();
            host = s.host();
            port = s.port();
        } else {
            XrdpServer s = XrdpServer.start();
            peer = s;
            user = s.username();
            domain = "";
            password = s.password();
            sha256 = s.certificateSha256();
            host = s.host();
            port = s.port();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                peer.close();
            } catch (Exception e) {
                System.err.println("ServePeer: stopping " + args[0] + " failed: " + e.getMessage());
            }
            stopped.countDown();
        }));
        write(passwordFile, password);
        System.out.println("host=" + host);
        System.out.println("port=" + port);
        System.out.println("user=" + user);
        System.out.println("domain=" + domain);
        System.out.println("sha256=" + sha256);
        System.out.println("ready");
        System.out.flush();
        stopped.await();
    }

    private static void write(Path file, String password) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password);
    }
}
