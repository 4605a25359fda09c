package dev.porthole.rdp.protocol.license;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.porthole.rdp.protocol.ntlm.EntropySource;

/** Seeded test randomness that remembers what it handed out (client random first, then the premaster secret). */
public final class RecordingEntropy implements EntropySource {

    private final Random random;
    private final List<byte[]> given = new ArrayList<>();

    public RecordingEntropy(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public void nextBytes(byte[] out) {
        random.nextBytes(out);
        given.add(out.clone());
    }

    /** The {@code i}-th array handed out. */
    public byte[] given(int i) {
        return given.get(i).clone();
    }

    public int count() {
        return given.size();
    }
}
