package dev.porthole.testbed.xrdp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The security settings of the {@link XrdpServer} that {@link XrdpExtension} starts for the annotated test
 * class (xrdp.ini {@code security_layer} and {@code crypt_level}, see xrdp.ini(5)). Without it the server
 * offers TLS only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface XrdpSecurity {

    /** {@code tls} (TLS only), {@code rdp} (Standard RDP Security only) or {@code negotiate}. */
    String layer() default "tls";

    /** {@code none}, {@code low}, {@code medium}, {@code high} or {@code fips}: RDP encryption under {@code rdp}. */
    String cryptLevel() default "high";
}
