package dev.porthole.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one side-by-side run of {@code benchmarks/run-codecs.sh} into a Markdown table: for each
 * input of the manifest, Porthole's rate (JMH, heap and direct input buffers) and FreeRDP's rate
 * (codec_bench) in the same unit, and the ratios Porthole / FreeRDP, with the 1-minute load average
 * measured just before the pair ran and the frame comparison.
 *
 * <p>Usage: {@code Report RUN_DIR} where RUN_DIR holds {@code inputs.tsv} (copied from the inputs),
 * {@code jmh-*.csv} (JMH {@code -rf csv}), {@code freerdp.tsv} (codec_bench lines, each prefixed by
 * codec and input), {@code load.tsv} (codec, input, load average) and {@code frames.tsv}
 * (CompareFrames lines).
 */
public final class Report {

    private Report() {}

    record Rate(double mean, double error) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report RUN_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        System.out.print(render(dir));
    }

    static String render(Path dir) throws IOException {
        List<String[]> manifest = tsv(dir.resolve("inputs.tsv"));
        Map<String, Rate> porthole = new LinkedHashMap<>(); // codec/input/buffer -> ops/s
        try (var files = Files.list(dir)) {
            for (Path csv : files.filter(p -> p.getFileName().toString().matches("jmh-.*\\.csv")).sorted().toList()) {
                readJmh(csv, porthole);
            }
        }
        Map<String, Rate> freerdp = new LinkedHashMap<>();
        for (String[] f : tsvIfPresent(dir.resolve("freerdp.tsv"))) {
            freerdp.put(f[0] + "/" + f[1], new Rate(Double.parseDouble(f[3]), Double.parseDouble(f[4])));
        }
        Map<String, String> load = new LinkedHashMap<>();
        for (String[] l : tsvIfPresent(dir.resolve("load.tsv"))) {
            load.put(l[0] + "/" + l[1], l[2]);
        }
        Map<String, String> frames = new LinkedHashMap<>();
        for (String[] f : tsvIfPresent(dir.resolve("frames.tsv"))) {
            frames.put(f[0], f[1]);
        }

        StringBuilder out = new StringBuilder();
        out.append("| codec | input | Porthole heap | Porthole direct | FreeRDP 2.11 | ratio heap | ratio direct | load (1 min) |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder notes = new StringBuilder();
        for (String[] m : manifest) {
            String codec = m[0];
            String input = m[1];
            double work = Double.parseDouble(m[3]);
            String unit = m[4].equals("Mpx") ? "Mpx/s" : "MB/s";
            Rate heap = porthole.get(codec + "/" + input + "/heap");
            Rate direct = porthole.get(codec + "/" + input + "/direct");
            Rate ref = freerdp.get(codec + "/" + input);
            out.append("| ").append(codec).append(" | ").append(input)
                    .append(" | ").append(rate(heap, work, unit))
                    .append(" | ").append(rate(direct, work, unit))
                    .append(" | ").append(rate(ref, work, unit))
                    .append(" | ").append(ratio(heap, ref))
                    .append(" | ").append(ratio(direct, ref))
                    .append(" | ").append(load.getOrDefault(codec + "/" + input, "?"))
                    .append(" |\n");
            String frame = frames.get(m[2]);
            notes.append("- ").append(codec).append(' ').append(input).append(": ").append(m[6])
                    .append("; ").append(m[5]).append(" compressed bytes");
            if (frame != null) {
                notes.append("; frame vs FreeRDP: ").append(frame);
            }
            notes.append('\n');
        }
        out.append('\n').append("Rates are per second of one thread: megapixels decoded (Mpx/s) or 10^6 bytes of output (MB/s); "
                + "Porthole = JMH mean ± 99.9% CI, FreeRDP = mean ± standard deviation of its iterations; ratio = Porthole / FreeRDP.\n\n");
        out.append("Inputs:\n").append(notes);
        return out.toString();
    }

    static String rate(Rate r, double work, String unit) {
        if (r == null) {
            return "n/a";
        }
        double scale = work / 1e6;
        return String.format("%s ± %s %s", fmt(r.mean() * scale), fmt(r.error() * scale), unit);
    }

    static String ratio(Rate p, Rate ref) {
        return p == null || ref == null || ref.mean() == 0 ? "n/a" : String.format("%.2f", p.mean() / ref.mean());
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "?";
        }
        return v >= 100 ? String.format("%.0f", v) : v >= 10 ? String.format("%.1f", v) : String.format("%.2f", v);
    }

    /** Reads a JMH CSV result file (-rf csv) into codec/input/buffer -> ops/s. */
    static void readJmh(Path csv, Map<String, Rate> into) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return;
        }
        List<String> header = csvLine(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> row = csvLine(line);
            Map<String, String> f = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                f.put(header.get(i), row.get(i));
            }
            String benchmark = f.get("Benchmark");
            String codec = benchmark.contains("Interleaved") ? "interleaved"
                    : benchmark.contains("Planar") ? "planar" : f.get("Param: algorithm");
            into.put(codec + "/" + f.get("Param: input") + "/" + f.get("Param: buffer"),
                    new Rate(Double.parseDouble(f.get("Score")), parseOrNaN(f.get("Score Error (99.9%)"))));
        }
    }

    static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The fields of one line of JMH's CSV output (quoted fields may hold commas). */
    public static List<String> csvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }

    static List<String[]> tsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    static List<String[]> tsvIfPresent(Path file) throws IOException {
        return Files.exists(file) ? tsv(file) : List.of();
    }
}
