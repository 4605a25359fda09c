package dev.porthole.agent.cli.plugin;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.porthole.plugin.sandbox.pkg.ChannelPolicy;
import dev.porthole.plugin.sandbox.pkg.PackageArchive;
import dev.porthole.plugin.sandbox.pkg.PackageSignature;
import dev.porthole.plugin.sandbox.pkg.PackageTool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code porthole plugin sign}: adds a detached CMS signature with the vendor's key and certificate chain. */
@Command(name = "sign", description = "Sign a package with the vendor key: a detached CMS signature over the manifest and the SHA-256 of every file.")
public final class PluginSignCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PACKAGE", description = "The package to sign.")
    Path pkg;

    @Option(names = "--key", required = true, paramLabel = "PEM", description = "The vendor's private key (PKCS#8 or traditional PEM, unencrypted).")
    Path key;

    @Option(names = "--cert", required = true, paramLabel = "PEM", description = "The vendor's certificate, optionally followed by intermediates.")
    Path cert;

    @Option(names = "--chain", paramLabel = "PEM", description = "More intermediate certificates (repeatable).")
    List<Path> chain = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "PACKAGE", description = "Where to write the signed package (default: replace PACKAGE).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<X509Certificate> certs = new ArrayList<>(PluginFiles.certificates(cert));
        chain.forEach(c -> certs.addAll(PluginFiles.certificates(c)));
        PackageArchive signed = PackageTool.sign(PackageArchive.read(pkg),
                PackageSignature.readPrivateKey(PluginFiles.read(key), key.toString()), certs, ChannelPolicy.defaults());
        Path out = output != null ? output : pkg;
        signed.write(out);
        spec.commandLine().getOut().printf("signed %s by %s -> %s%n", signed.manifest().id(),
                PackageSignature.subject(certs.getFirst()), out);
        return 0;
    }
}
