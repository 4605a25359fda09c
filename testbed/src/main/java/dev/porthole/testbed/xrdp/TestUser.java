package dev.porthole.testbed.xrdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import dev.porthole.testbed.Pause;
import dev.porthole.testbed.Programs;
import dev.porthole.testbed.x11.HostCommand;

/**
 * A throwaway local account for one xrdp instance: random name {@code pth} + 6 characters, random password,
 * home directory inside the instance's workspace. Its GECOS field names the JVM that created it, so a later
 * run can remove accounts left behind by a JVM that was killed ({@link #removeStale()}).
 */
final class TestUser {

    static final String GECOS_TAG = "porthole testbed xrdp jvm=";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String PASSWORD_ALPHABET = ALPHABET + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final String password;
    private final Path home;
    private final int uid;

    private TestUser(String name, String password, Path home, int uid) {
        this.name = name;
        this.password = password;
        this.home = home;
        this.uid = uid;
    }

    static void requirePrograms() {
        Programs.require("useradd", "passwd");
        Programs.require("userdel", "passwd");
        Programs.require("chpasswd", "passwd");
        Programs.require("getent", "libc-bin");
        Programs.require("setpriv", "util-linux");
    }

    /** Creates the account with its home at {@code home} (which must not exist yet; its parent must). */
    static TestUser create(Path home) {
        String name = "pth" + random(ALPHABET, 6);
        String password = random(PASSWORD_ALPHABET, 20);
        HostCommand.run(List.of(bin("useradd", "passwd"), "--create-home", "--home-dir", home.toString(), "--shell", "/bin/sh",
                "--comment", GECOS_TAG + ProcessHandle.current().pid(), name), Map.of(), null, COMMAND_TIMEOUT)
                .requireSuccess();
        TestUser user = new TestUser(name, password, home, -1);
        try {
            HostCommand.run(List.of(bin("chpasswd", "passwd")), Map.of(), name + ":" + password + "\n", COMMAND_TIMEOUT)
                    .requireSuccess();
            String uid = HostCommand.run(COMMAND_TIMEOUT, bin("id", "coreutils"), "-u", name).requireSuccess().stdout().strip();
            return new TestUser(name, password, home, Integer.parseInt(uid));
        } catch (RuntimeException e) {
            user.delete();
            throw e;
        }
    }

    String name() {
        return name;
    }

    String password() {
        return password;
    }

    Path home() {
        return home;
    }

    int uid() {
        return uid;
    }

    /** Processes currently running as this user. */
    List<ProcessHandle> processes() {
        return processesOf(name);
    }

    private static List<ProcessHandle> processesOf(String user) {
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().user().equals(Optional.of(user)))
                .forEach(found::add);
        return found;
    }

    /** Sends TERM to every process of this user, waits up to {@code grace}, then KILLs what is left. */
    void stopProcesses(Duration grace) {
        stop(name, grace);
    }

    /**
     * Stops the user's processes deepest first (xterm's {@code cat} before xterm, xterm before the desktop
     * script, ...), so each is reaped by its still-running parent rather than left as a zombie for init; then
     * KILLs whatever still runs when {@code grace} is over.
     */
    private static void stop(String user, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> all = processesOf(user);
        java.util.Set<Long> pids = new java.util.HashSet<>();
        all.forEach(p -> pids.add(p.pid()));
        java.util.TreeMap<Integer, List<ProcessHandle>> byDepth = new java.util.TreeMap<>(Comparator.reverseOrder());
        for (ProcessHandle p : all) {
            int depth = 0;
            for (Optional<ProcessHandle> a = p.parent(); a.isPresent() && pids.contains(a.get().pid());
                 a = a.get().parent()) {
                depth++;
            }
            byDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(p);
        }
        for (List<ProcessHandle> level : byDepth.values()) {
            level.forEach(ProcessHandle::destroy);
            long levelDeadline = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(1).toNanos());
            while (System.nanoTime() < levelDeadline && level.stream().anyMatch(ProcessHandle::isAlive)) {
                Pause.sleep(10);
            }
        }
        while (System.nanoTime() < deadline && all.stream().anyMatch(TestUser::running)) {
            Pause.sleep(25);
        }
        processesOf(user).stream().filter(TestUser::running).forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < killDeadline && processesOf(user).stream().anyMatch(TestUser::running)) {
            Pause.sleep(25);
        }
    }

    /**
     * Alive and not a zombie: a process that has exited but whose parent (a sesman session process, or
     * init) has not reaped it yet holds no resources and cannot be signalled any further.
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.US_ASCII);
            int end = stat.lastIndexOf(')');
            return end < 0 || end + 2 >= stat.length() || stat.charAt(end + 2) != 'Z';
        } catch (IOException | UncheckedIOException e) {
            return p.isAlive();
        }
    }

    /** Stops the user's processes and removes the account and its home. Returns a problem description or null. */
    String delete() {
        return delete(name, Duration.ofSeconds(3));
    }

    private static String delete(String user, Duration grace) {
        stop(user, grace);
        HostCommand.Result r = HostCommand.run(List.of(bin("userdel", "passwd"), "--remove", user), Map.of(), null, COMMAND_TIMEOUT);
        // status 12: home could not be removed (reported); 6: user does not exist (already gone)
        if (r.exitCode() != 0 && r.exitCode() != 6) {
            return "userdel " + user + " failed with status " + r.exitCode() + ": " + r.stderr().strip();
        }
        return null;
    }

    /**
     * Removes accounts (and their processes) created by JVMs that no longer run, for example after a test
     * run was killed. Accounts of running JVMs, including other concurrent runs, are left alone.
     */
    static void removeStale() {
        HostCommand.Result r = HostCommand.run(COMMAND_TIMEOUT, bin("getent", "libc-bin"), "passwd");
        if (r.exitCode() != 0) {
            return;
        }
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length < 7 || !f[0].startsWith("pth") || !f[4].startsWith(GECOS_TAG)) {
                continue;
            }
            OptionalLong creator = parsePid(f[4].substring(GECOS_TAG.length()));
            if (creator.isPresent() && ProcessHandle.of(creator.getAsLong()).isEmpty()) {
                String problem = delete(f[0], Duration.ofSeconds(2));
                if (problem != null) {
                    System.err.println("porthole testbed: cannot remove stale xrdp test user: " + problem);
                }
            }
        }
    }

    private static String bin(String program, String debianPackage) {
        return Programs.require(program, debianPackage).toString();
    }

    private static OptionalLong parsePid(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
