package dev.porthole.rdp.protocol.pdu.rdp;

import net.jqwik.api.Arbitrary;

/** Lets the fast-path property tests reuse the output update generators. */
public final class RdpPropertiesTestAccess {

    private RdpPropertiesTestAccess() {}

    public static Arbitrary<OutputUpdate> outputUpdates() {
        return RdpPropertiesTest.outputUpdates();
    }
}
