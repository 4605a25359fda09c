package dev.porthole.testbed.xrdp;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.porthole.testbed.PeerExtension;

/**
 * Starts one {@link XrdpServer} per test class ({@code @ExtendWith(XrdpExtension.class)}), injects it as a
 * test method or constructor parameter, stops it after the class, and attaches its logs (xrdp, sesman, Xorg,
 * the desktop script, chansrv) to failures.
 */
public final class XrdpExtension extends PeerExtension<XrdpServer> {

    public XrdpExtension() {
        super(XrdpServer.class);
    }

    @Override
    protected XrdpServer start(ExtensionContext context) {
        XrdpSecurity security = context.getRequiredTestClass().getAnnotation(XrdpSecurity.class);
        return security == null ? XrdpServer.start() : XrdpServer.start(security.layer(), security.cryptLevel());
    }
}
