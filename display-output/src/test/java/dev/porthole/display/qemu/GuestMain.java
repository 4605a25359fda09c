package dev.porthole.display.qemu;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs inside the QEMU guest: executes the {@code @Tag("guest")} test classes named on the command
 * line with the JUnit Platform launcher and writes one line per test to {@code results.txt} in the
 * shared directory: {@code PASS <class>#<method> <millis>ms} or {@code FAIL <class>#<method> <reason>}.
 */
public final class GuestMain {

    private GuestMain() {}

    public static void main(String[] args) throws Exception {
        Path share = GuestScreens.share();
        List<String> lines = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>();
        for (String a : args) {
            classes.add(Class.forName(a));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(classes.stream().map(c -> selectClass(c)).toList()).build();
        Launcher launcher = LauncherFactory.create();
        int[] failed = {0};
        launcher.execute(request, new TestExecutionListener() {
            private final java.util.Map<String, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public void executionStarted(TestIdentifier id) {
                started.put(id.getUniqueId(), System.nanoTime());
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                String name = name(id);
                if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    return;
                }
                long ms = (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    lines.add("PASS " + name + " " + ms + "ms");
                } else {
                    failed[0]++;
                    Throwable t = result.getThrowable().orElse(null);
                    String why = t == null ? result.getStatus().toString() : t.toString().replace('\n', ' ');
                    lines.add("FAIL " + name + " " + why);
                    if (t != null) {
                        t.printStackTrace(System.out);
                    }
                }
                System.out.println(lines.getLast());
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                failed[0]++;
                lines.add("FAIL " + name(id) + " skipped: " + reason);
            }
        });
        try {
            Files.write(share.resolve("results.txt"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("cannot write results: " + e);
            System.exit(3);
        }
        System.exit(failed[0] == 0 ? 0 : 1);
    }

    static String name(TestIdentifier id) {
        return id.getSource().map(s -> {
            if (s instanceof org.junit.platform.engine.support.descriptor.MethodSource m) {
                return m.getClassName().substring(m.getClassName().lastIndexOf('.') + 1) + "#" + m.getMethodName();
            }
            if (s instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                return c.getClassName().substring(c.getClassName().lastIndexOf('.') + 1);
            }
            return id.getDisplayName();
        }).orElse(id.getDisplayName());
    }
}
