package dev.porthole.agent.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.net.URI;
import java.time.Clock;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.Executor;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of ARCHITECTURE.md as ArchUnit rules, built for a root package so the same rules
 * run against the real code ({@code dev.porthole}) and against deliberately bad fixtures (which
 * must make every rule fail).
 */
final class ModuleRules {

    private final String root;

    ModuleRules(String root) {
        this.root = root;
    }

    private String pkg(String module) {
        return root + "." + module + "..";
    }

    /** Third-party and Porthole packages each module may use (besides java.. and its own package). */
    Map<String, List<String>> allowedDependencies() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("rdp.protocol", List.of("io.netty.buffer..", "io.netty.util..", "org.bouncycastle.."));
        m.put("rdp.netty", List.of(pkg("rdp.protocol"), "io.netty..", "org.tinylog..", "javax.."));
        m.put("hw", List.of("com.sun.jna..", "com.pi4j..", "org.tinylog..", "javax.."));
        m.put("display", List.of(pkg("hw"), "org.tinylog..", "javax.."));
        m.put("plugin.api", List.of());
        m.put("plugin.sandbox", List.of(pkg("plugin.api"), "com.sun.jna..", "org.bouncycastle..",
                "com.fasterxml.jackson..", "org.tinylog..", "javax.."));
        m.put("provisioning", List.of("org.eclipse.paho..", "com.hivemq.client..", "org.bouncycastle..",
                "com.fasterxml.jackson..", "org.tinylog..", "javax.."));
        m.put("testbed", List.of("org.junit..", "org.opentest4j..", "org.bouncycastle..", "javax.."));
        return m;
    }

    /** Invariant 1: the protocol core opens no socket, starts no thread, reads no clock, touches no file. */
    ArchRule protocolIsSansIo() {
        DescribedPredicate<JavaClass> io = resideInAnyPackage("java.net..", "java.nio.channels..", "java.nio.file..",
                "io.netty.channel..", "io.netty.bootstrap..", "io.netty.handler..", "io.netty.resolver..")
                .and(not(type(URI.class)))
                .or(assignableTo(java.io.File.class)).or(assignableTo(java.io.FileInputStream.class))
                .or(assignableTo(java.io.FileOutputStream.class)).or(assignableTo(java.io.RandomAccessFile.class))
                .as("socket, channel or file classes");
        DescribedPredicate<JavaClass> threads = assignableTo(Thread.class).or(assignableTo(Executor.class))
                .or(assignableTo(Timer.class)).or(type(java.util.concurrent.Executors.class))
                .or(type(java.util.concurrent.ForkJoinPool.class)).as("threads or executors");
        DescribedPredicate<JavaClass> clocks = assignableTo(Clock.class).or(assignableTo(InstantSource.class))
                .as("clocks");
        DescribedPredicate<JavaAccess<?>> readsClock = new DescribedPredicate<>("read the clock") {
            @Override
            public boolean test(JavaAccess<?> a) {
                AccessTarget t = a.getTarget();
                String owner = t.getOwner().getName();
                String name = t.getName();
                return (owner.equals("java.lang.System") && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
                        || (owner.startsWith("java.time.") && name.equals("now"));
            }
        };
        return noClasses().that().resideInAPackage(pkg("rdp.protocol"))
                .should().dependOnClassesThat(io)
                .orShould().dependOnClassesThat(threads)
                .orShould().dependOnClassesThat(clocks)
                .orShould().accessTargetWhere(readsClock)
                .because("invariant 1: rdp-client/protocol is sans-I/O; callers pass bytes and time in")
                .allowEmptyShould(true);
    }

    /** Invariant 2: display knows nothing of RDP; the RDP client knows nothing of displays or devices. */
    ArchRule displayKnowsNoRdp() {
        return noClasses().that().resideInAPackage(pkg("display"))
                .should().dependOnClassesThat().resideInAPackage(pkg("rdp"))
                .because("invariant 2: display-output is protocol-agnostic")
                .allowEmptyShould(true);
    }

    ArchRule rdpKnowsNoDisplayOrDevices() {
        return noClasses().that().resideInAPackage(pkg("rdp"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("display"), pkg("hw"))
                .because("invariant 2: rdp-client knows nothing of displays or devices")
                .allowEmptyShould(true);
    }

    /** Invariant 3: only the device agent (and the test peers) read the process environment. */
    ArchRule onlyAgentReadsEnvironment() {
        DescribedPredicate<JavaAccess<?>> env = new DescribedPredicate<>("read the environment or system properties") {
            @Override
            public boolean test(JavaAccess<?> a) {
                AccessTarget t = a.getTarget();
                return t.getOwner().getName().equals("java.lang.System")
                        && (t.getName().equals("getenv") || t.getName().equals("getProperty")
                        || t.getName().equals("getProperties"));
            }
        };
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(pkg("agent"), pkg("testbed"))
                .should().accessTargetWhere(env)
                .because("invariant 3: only device-agent reads the environment and configuration")
                .allowEmptyShould(true);
    }

    /** The Paho client stays behind provisioning's own MQTT interface. */
    ArchRule pahoBehindInterface() {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(pkg("provisioning.mqtt.paho"))
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..")
                .because("Paho is replaceable: only provisioning.mqtt.paho may use it")
                .allowEmptyShould(true);
    }

    /** The HiveMQ MQTT client stays behind provisioning's own MQTT interface, like Paho. */
    ArchRule hivemqBehindInterface() {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackage(pkg("provisioning.mqtt.hivemq"))
                .should().dependOnClassesThat().resideInAPackage("com.hivemq.client..")
                .because("the MQTT client is replaceable: only provisioning.mqtt.hivemq may use HiveMQ's client")
                .allowEmptyShould(true);
    }

    /** Invariant 3 and the DESIGN.md table: each module depends only on what it may. */
    List<ArchRule> moduleDependencies() {
        List<ArchRule> rules = new ArrayList<>();
        allowedDependencies().forEach((module, allowed) -> {
            List<String> packages = new ArrayList<>(allowed);
            packages.add("java..");
            packages.add(pkg(module));
            rules.add(classes().that().resideInAPackage(pkg(module))
                    .should().onlyDependOnClassesThat(resideInAnyPackage(packages.toArray(String[]::new))
                            .or(resideInAPackage("").and(type(int.class).or(type(long.class)).or(type(byte.class))
                                    .or(type(short.class)).or(type(char.class)).or(type(boolean.class))
                                    .or(type(float.class)).or(type(double.class)).or(type(void.class))))
                            .or(new DescribedPredicate<>("arrays of allowed types") {
                                @Override
                                public boolean test(JavaClass c) {
                                    return c.isArray() || c.isPrimitive();
                                }
                            }))
                    .because("DESIGN.md: " + module + " may depend on " + (allowed.isEmpty() ? "nothing" : allowed))
                    .allowEmptyShould(true));
        });
        return rules;
    }

    List<ArchRule> all() {
        List<ArchRule> rules = new ArrayList<>(List.of(protocolIsSansIo(), displayKnowsNoRdp(),
                rdpKnowsNoDisplayOrDevices(), onlyAgentReadsEnvironment(), pahoBehindInterface(),
                hivemqBehindInterface()));
        rules.addAll(moduleDependencies());
        return rules;
    }
}
