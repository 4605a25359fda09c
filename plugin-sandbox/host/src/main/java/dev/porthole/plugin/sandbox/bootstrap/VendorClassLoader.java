package dev.porthole.plugin.sandbox.bootstrap;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the vendor's jars. Its parent shows the vendor only the JDK and the SDK
 * ({@code dev.porthole.plugin.api}): the bootstrap, JNA and the rest of the host's classes stay
 * invisible, so vendor code cannot call them by name.
 */
public final class VendorClassLoader extends URLClassLoader {

    /** @param jars the vendor jars; @param app the loader that holds the SDK */
    public VendorClassLoader(URL[] jars, ClassLoader app) {
        super("porthole-vendor", jars, new SdkOnly(app));
    }

    /** Delegates the SDK package to the application loader and everything else to the platform loader. */
    private static final class SdkOnly extends ClassLoader {
        private final ClassLoader app;

        SdkOnly(ClassLoader app) {
            super("porthole-sdk-only", ClassLoader.getPlatformClassLoader());
            this.app = app;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.porthole.plugin.api.")) {
                return app.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            if (name.startsWith("dev/porthole/plugin/api/")) {
                return app.getResource(name);
            }
            return super.getResource(name);
        }
    }
}
