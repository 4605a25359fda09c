package dev.porthole.agent.boot;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/**
 * The device's {@link NetworkProbe}: a loopback host is always reachable; otherwise some non-loopback
 * interface must be up with an address, and the name must resolve. Sends nothing to the host.
 */
public final class SystemNetworkProbe implements NetworkProbe {

    @Override
    public Reachability check(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return hasRoute() ? Reachability.UNRESOLVABLE : Reachability.NO_ROUTE;
        }
        if (address.isLoopbackAddress()) {
            return Reachability.UP;
        }
        return hasRoute() ? Reachability.UP : Reachability.NO_ROUTE;
    }

    private static boolean hasRoute() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback() && nif.getInetAddresses().hasMoreElements()) {
                    return true;
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }
}
