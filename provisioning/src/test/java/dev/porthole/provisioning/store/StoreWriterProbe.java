package dev.porthole.provisioning.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.porthole.provisioning.config.ConfigDocument;
import dev.porthole.provisioning.config.ConfigSigner;
import dev.porthole.provisioning.config.Fixtures;
import dev.porthole.provisioning.json.StrictJson;

/**
 * Child JVM for {@link StoreCrashTest}: writes documents into the store at {@code args[0]} as fast as it can,
 * through every kind of change (stage, pending, commit, discard, report), printing {@code committed <v>} after each
 * commit returned, until it is killed.
 */
public final class StoreWriterProbe {

    public static void main(String[] args) {
        ConfigStore store = ConfigStore.open(Path.of(args[0]));
        ConfigSigner signer = new ConfigSigner(Fixtures.fleetKey());
        String padding = "x".repeat(16 * 1024);
        System.out.println("ready floor=" + store.floor());
        System.out.flush();
        for (long v = store.floor() + 1; ; v++) {
            ObjectNode settings = Fixtures.settings("rdp-" + v + ".example");
            settings.put("padding", padding);
            byte[] bytes = signer.signBytes(ConfigDocument.of(Fixtures.SELF, v, Instant.parse("2026-05-01T10:00:00Z"),
                    null, List.of("fleet@" + v), settings));
            store.stage(v, bytes);
            if (v % 5 == 0) {
                store.discardStaged();
                continue;
            }
            if (v % 3 == 0) {
                store.markPending(v);
            }
            store.commit(v);
            store.saveReport(StrictJson.object().put("status", "applied").put("version", v));
            System.out.println("committed " + v);
            System.out.flush();
        }
    }
}
