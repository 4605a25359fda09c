package dev.porthole.plugin.sandbox.seccomp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.porthole.plugin.sandbox.SandboxException;
import dev.porthole.plugin.sandbox.pkg.StrictJson;

/**
 * A seccomp profile in the OCI runtime-spec / Docker JSON format ({@code defaultAction},
 * {@code defaultErrnoRet}, {@code syscalls[]} with {@code names}, {@code action}, {@code errnoRet},
 * {@code args} and Docker's {@code includes}/{@code excludes}), validated strictly. Architecture lists
 * are validated but the filter always covers the native architecture only: a call through any other
 * ABI (x32, i386) kills the process. Actions {@code SCMP_ACT_TRACE} and {@code SCMP_ACT_NOTIFY} are
 * refused (nothing traces a plugin; notification is reserved to the host's own filter).
 *
 * @param defaultAction what calls no rule matches get
 * @param rules         the rules, in profile order
 */
public record SeccompProfile(Action defaultAction, List<Rule> rules) {

    /** Largest profile accepted. */
    public static final int MAX_BYTES = 256 * 1024;

    public SeccompProfile {
        rules = List.copyOf(rules);
    }

    /** What the filter does with a call. */
    public enum ActionKind { ALLOW, ERRNO, KILL_PROCESS, KILL_THREAD, TRAP, LOG, NOTIFY }

    /** An action; {@code errno} only for {@link ActionKind#ERRNO}. */
    public record Action(ActionKind kind, int errno) {
        public Action {
            if (errno < 0 || errno > 4095) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "errno " + errno + " outside 0..4095");
            }
        }

        public static final Action ALLOW = new Action(ActionKind.ALLOW, 0);
        public static final Action KILL_PROCESS = new Action(ActionKind.KILL_PROCESS, 0);
        public static final Action NOTIFY = new Action(ActionKind.NOTIFY, 0);

        /** {@code SCMP_ACT_ERRNO(errno)}. */
        public static Action errno(int errno) {
            return new Action(ActionKind.ERRNO, errno);
        }

        /** The libseccomp action value. */
        public int value() {
            return switch (kind) {
                case ALLOW -> 0x7fff0000;
                case ERRNO -> 0x00050000 | (errno & 0xffff);
                case KILL_PROCESS -> 0x80000000;
                case KILL_THREAD -> 0x00000000;
                case TRAP -> 0x00030000;
                case LOG -> 0x7ffc0000;
                case NOTIFY -> 0x7fc00000;
            };
        }
    }

    /** Comparison operators of {@code args} ({@code SCMP_CMP_*}), with libseccomp's numbering. */
    public enum Op {
        NE(1), LT(2), LE(3), EQ(4), GE(5), GT(6), MASKED_EQ(7);

        public final int code;

        Op(int code) {
            this.code = code;
        }
    }

    /**
     * A condition on argument {@code index}: for {@link Op#MASKED_EQ}, {@code (arg & value) == valueTwo}
     * (the OCI meaning); otherwise {@code arg <op> value}.
     */
    public record Arg(int index, Op op, long value, long valueTwo) {
        public Arg {
            if (index < 0 || index > 5) {
                throw new SandboxException(SandboxException.Kind.MALFORMED, "args index " + index + " outside 0..5");
            }
        }
    }

    /**
     * One rule. The conditions from Docker's {@code includes}/{@code excludes}: the rule applies when
     * the kernel is at least {@code minKernel} (if set), the architecture is in {@code arches} (if any)
     * and not in {@code excludeArches}, and — since a plugin never holds a capability — only when
     * {@code includeCaps} is empty.
     */
    public record Rule(List<String> names, Action action, List<Arg> args, String minKernel, List<String> arches,
                       List<String> excludeArches, List<String> includeCaps) {
        public Rule {
            names = List.copyOf(names);
            args = List.copyOf(args);
            arches = List.copyOf(arches);
            excludeArches = List.copyOf(excludeArches);
            includeCaps = List.copyOf(includeCaps);
        }

        /** A rule with no conditions. */
        public Rule(List<String> names, Action action, List<Arg> args) {
            this(names, action, args, null, List.of(), List.of(), List.of());
        }

        /** Whether this rule applies on {@code platform}. */
        public boolean appliesTo(Platform platform) {
            if (!includeCaps.isEmpty()) {
                return false;
            }
            if (!arches.isEmpty() && !arches.contains(platform.arch())) {
                return false;
            }
            if (excludeArches.contains(platform.arch())) {
                return false;
            }
            return minKernel == null || Platform.compareKernel(platform.kernelRelease(), minKernel) >= 0;
        }
    }

    /** Where a profile is compiled: the OCI architecture name ({@code SCMP_ARCH_X86_64}) and the kernel release. */
    public record Platform(String arch, String kernelRelease) {
        /** Compares dotted kernel versions numerically ("6.1.0-13-amd64" vs "5.8"). */
        static int compareKernel(String a, String b) {
            int[] x = numbers(a);
            int[] y = numbers(b);
            for (int i = 0; i < 3; i++) {
                if (x[i] != y[i]) {
                    return Integer.compare(x[i], y[i]);
                }
            }
            return 0;
        }

        private static int[] numbers(String v) {
            int[] n = new int[3];
            String[] parts = v.split("[^0-9]+", 5);
            int k = 0;
            for (String p : parts) {
                if (!p.isEmpty() && k < 3) {
                    n[k++] = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(p.length() > 9 ? p.substring(0, 9) : p));
                }
            }
            return n;
        }

        /** The OCI name for a Java {@code os.arch} value. */
        public static String ociArch(String osArch) {
            return switch (osArch) {
                case "amd64", "x86_64" -> "SCMP_ARCH_X86_64";
                case "aarch64", "arm64" -> "SCMP_ARCH_AARCH64";
                case "arm" -> "SCMP_ARCH_ARM";
                case "riscv64" -> "SCMP_ARCH_RISCV64";
                default -> "SCMP_ARCH_" + osArch.toUpperCase(Locale.ROOT);
            };
        }
    }

    /** This profile with {@code extra} rules appended. */
    public SeccompProfile with(List<Rule> extra) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(extra);
        return new SeccompProfile(defaultAction, all);
    }

    // ---- parsing ----

    private static final Set<String> TOP = Set.of("defaultAction", "defaultErrnoRet", "architectures", "archMap", "syscalls",
            "flags", "listenerPath", "listenerMetadata", "comment");
    private static final Set<String> SYSCALL = Set.of("names", "name", "action", "errnoRet", "args", "comment", "includes", "excludes");
    private static final Set<String> FILTER = Set.of("caps", "arches", "minKernel");
    private static final Set<String> ARG = Set.of("index", "value", "valueTwo", "op");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
    private static final Pattern ARCH = Pattern.compile("SCMP_ARCH_[A-Z0-9_]{1,20}");
    private static final Pattern KERNEL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){0,2}");
    private static final Set<String> FLAGS = Set.of("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
            "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV");

    /** The platform default plugin profile shipped in this module. */
    public static SeccompProfile defaultPluginProfile() {
        try (InputStream in = SeccompProfile.class.getResourceAsStream("default-plugin-profile.json")) {
            if (in == null) {
                throw new IllegalStateException("default-plugin-profile.json is missing from the plugin-sandbox jar");
            }
            return parse(in.readAllBytes(), "default-plugin-profile.json");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses and validates a profile.
     *
     * @param source the file name, for error messages
     * @throws SandboxException MALFORMED naming the JSON path
     */
    public static SeccompProfile parse(byte[] json, String source) {
        try {
            JsonNode root = StrictJson.object(StrictJson.parse(json, MAX_BYTES, source), "$", TOP);
            Action def = action(StrictJson.string(root, "defaultAction", "$", 40), root.get("defaultErrnoRet"), "$");
            if (def.kind() == ActionKind.ALLOW) {
                // an allow-by-default profile is legal OCI, and still only adds restrictions here (filters stack)
                def = Action.ALLOW;
            }
            for (JsonNode a : StrictJson.array(root, "architectures", "$", 0, 16)) {
                arch(a, "$.architectures[]");
            }
            List<JsonNode> map = StrictJson.array(root, "archMap", "$", 0, 16);
            for (int i = 0; i < map.size(); i++) {
                JsonNode m = StrictJson.object(map.get(i), "$.archMap[" + i + "]", Set.of("architecture", "subArchitectures"));
                arch(m.get("architecture"), "$.archMap[" + i + "].architecture");
                for (JsonNode s : StrictJson.array(m, "subArchitectures", "$.archMap[" + i + "]", 0, 16)) {
                    arch(s, "$.archMap[" + i + "].subArchitectures[]");
                }
            }
            for (JsonNode f : StrictJson.array(root, "flags", "$", 0, 8)) {
                String flag = StrictJson.stringValue(f, "$.flags[]", 60);
                if (!FLAGS.contains(flag)) {
                    throw StrictJson.err("$.flags[]", "'" + flag + "' is not a known seccomp filter flag");
                }
            }
            if (root.has("listenerPath")) {
                throw StrictJson.err("$.listenerPath", "seccomp notification listeners are not supported for plugins");
            }
            List<Rule> rules = new ArrayList<>();
            List<JsonNode> calls = StrictJson.array(root, "syscalls", "$", 0, 1024);
            for (int i = 0; i < calls.size(); i++) {
                rules.add(rule(calls.get(i), "$.syscalls[" + i + "]"));
            }
            return new SeccompProfile(def, rules);
        } catch (SandboxException e) {
            if (e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new SandboxException(e.kind(), source + ": " + e.getMessage(), e);
        }
    }

    private static Rule rule(JsonNode node, String path) {
        JsonNode obj = StrictJson.object(node, path, SYSCALL);
        List<String> names = new ArrayList<>();
        if (obj.has("name")) {
            if (obj.has("names")) {
                throw StrictJson.err(path, "has both 'name' and 'names'");
            }
            names.add(syscallName(obj.get("name"), path + ".name"));
        } else {
            List<JsonNode> ns = StrictJson.array(obj, "names", path, 1, 512);
            for (int i = 0; i < ns.size(); i++) {
                names.add(syscallName(ns.get(i), path + ".names[" + i + "]"));
            }
        }
        Action action = action(StrictJson.string(obj, "action", path, 40), obj.get("errnoRet"), path);
        if (action.kind() == ActionKind.NOTIFY) {
            throw StrictJson.err(path + ".action", "SCMP_ACT_NOTIFY is reserved to the host's own filter");
        }
        List<Arg> args = new ArrayList<>();
        List<JsonNode> as = StrictJson.array(obj, "args", path, 0, 6);
        for (int i = 0; i < as.size(); i++) {
            String p = path + ".args[" + i + "]";
            JsonNode a = StrictJson.object(as.get(i), p, ARG);
            int index = (int) StrictJson.integer(a, "index", p, 0, 5);
            long value = unsigned64(a.get("value"), p + ".value");
            long two = a.has("valueTwo") ? unsigned64(a.get("valueTwo"), p + ".valueTwo") : 0;
            String op = StrictJson.string(a, "op", p, 30);
            Op o;
            try {
                o = Op.valueOf(op.startsWith("SCMP_CMP_") ? op.substring(9) : "?");
            } catch (IllegalArgumentException e) {
                throw StrictJson.err(p + ".op", "'" + op + "' is not an SCMP_CMP_ operator");
            }
            args.add(new Arg(index, o, value, two));
        }
        String minKernel = null;
        List<String> arches = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        if (obj.has("includes")) {
            JsonNode inc = StrictJson.object(obj.get("includes"), path + ".includes", FILTER);
            for (JsonNode a : StrictJson.array(inc, "arches", path + ".includes", 0, 16)) {
                arches.add(archName(a, path + ".includes.arches[]"));
            }
            for (JsonNode c : StrictJson.array(inc, "caps", path + ".includes", 0, 64)) {
                caps.add(capName(c, path + ".includes.caps[]"));
            }
            minKernel = StrictJson.optionalString(inc, "minKernel", path + ".includes", 12);
            if (minKernel != null && !KERNEL.matcher(minKernel).matches()) {
                throw StrictJson.err(path + ".includes.minKernel", "'" + minKernel + "' is not a kernel version like 5.8");
            }
        }
        List<String> exArches = new ArrayList<>();
        if (obj.has("excludes")) {
            JsonNode exc = StrictJson.object(obj.get("excludes"), path + ".excludes", FILTER);
            for (JsonNode a : StrictJson.array(exc, "arches", path + ".excludes", 0, 16)) {
                exArches.add(archName(a, path + ".excludes.arches[]"));
            }
            for (JsonNode c : StrictJson.array(exc, "caps", path + ".excludes", 0, 64)) {
                capName(c, path + ".excludes.caps[]"); // a plugin holds no capability: excluding one changes nothing
            }
            if (exc.has("minKernel")) {
                throw StrictJson.err(path + ".excludes.minKernel", "is not supported");
            }
        }
        return new Rule(names, action, args, minKernel, arches, exArches, caps);
    }

    private static Action action(String name, JsonNode errnoRet, String path) {
        ActionKind kind = switch (name) {
            case "SCMP_ACT_ALLOW" -> ActionKind.ALLOW;
            case "SCMP_ACT_ERRNO" -> ActionKind.ERRNO;
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> ActionKind.KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> ActionKind.KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> ActionKind.TRAP;
            case "SCMP_ACT_LOG" -> ActionKind.LOG;
            case "SCMP_ACT_NOTIFY" -> ActionKind.NOTIFY;
            case "SCMP_ACT_TRACE" -> throw StrictJson.err(path, "SCMP_ACT_TRACE is not supported (nothing traces a plugin)");
            default -> throw StrictJson.err(path, "'" + name + "' is not an SCMP_ACT_ action");
        };
        int errno = 1; // EPERM, the OCI default
        if (errnoRet != null && !errnoRet.isNull()) {
            if (kind != ActionKind.ERRNO) {
                throw StrictJson.err(path, "errnoRet is only meaningful with SCMP_ACT_ERRNO");
            }
            errno = (int) StrictJson.integerValue(errnoRet, path + ".errnoRet", 0, 4095);
        }
        return new Action(kind, kind == ActionKind.ERRNO ? errno : 0);
    }

    private static String syscallName(JsonNode n, String path) {
        String s = StrictJson.stringValue(n, path, 40);
        if (!NAME.matcher(s).matches()) {
            throw StrictJson.err(path, "'" + s + "' is not a system call name");
        }
        return s;
    }

    private static void arch(JsonNode n, String path) {
        archName(n, path);
    }

    private static String archName(JsonNode n, String path) {
        if (n == null) {
            throw StrictJson.err(path, "is required");
        }
        String s = StrictJson.stringValue(n, path, 40);
        if (!ARCH.matcher(s).matches()) {
            throw StrictJson.err(path, "'" + s + "' is not an SCMP_ARCH_ name");
        }
        return s;
    }

    private static String capName(JsonNode n, String path) {
        String s = StrictJson.stringValue(n, path, 40);
        if (!s.matches("CAP_[A-Z_]{1,30}")) {
            throw StrictJson.err(path, "'" + s + "' is not a CAP_ name");
        }
        return s;
    }

    private static long unsigned64(JsonNode v, String path) {
        if (v == null || !v.isIntegralNumber()) {
            throw StrictJson.err(path, "must be an integer");
        }
        if (v.isBigInteger()) {
            java.math.BigInteger b = v.bigIntegerValue();
            if (b.signum() < 0 || b.bitLength() > 64) {
                throw StrictJson.err(path, b + " is not an unsigned 64-bit value");
            }
            return b.longValue();
        }
        long l = v.longValue();
        if (l < 0) {
            throw StrictJson.err(path, l + " is negative");
        }
        return l;
    }
}
