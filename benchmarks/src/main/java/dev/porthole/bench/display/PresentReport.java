package dev.porthole.bench.display;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JMH CSV of {@link PresentBenchmark} into a Markdown table: per format, rotation and damage
 * set, the memcpy rate and how many times longer {@code convert} and {@code present} take than that
 * memcpy of the same bytes (1.00 = as fast as a plain copy).
 *
 * <p>Usage: {@code PresentReport results.csv report.md}
 */
public final class PresentReport {

    private PresentReport() {}

    record Row(String benchmark, String format, int rotation, String damage, double score, double error) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PresentReport <jmh results.csv> <report.md>");
            System.exit(2);
        }
        List<Row> rows = read(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), render(rows));
    }

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty (no JMH results)");
        }
        List<String> header = dev.porthole.bench.Report.csvLine(lines.get(0));
        int bench = column(header, "Benchmark", csv);
        int score = column(header, "Score", csv);
        int error = column(header, "Score Error (99.9%)", csv);
        int format = column(header, "Param: format", csv);
        int rotation = column(header, "Param: rotation", csv);
        int damage = column(header, "Param: damage", csv);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = dev.porthole.bench.Report.csvLine(line);
            String name = f.get(bench);
            rows.add(new Row(name.substring(name.lastIndexOf('.') + 1), f.get(format), Integer.parseInt(f.get(rotation)),
                    f.get(damage), Double.parseDouble(f.get(score)), parseOrNaN(f.get(error))));
        }
        return rows;
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int column(List<String> header, String name, Path csv) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(csv + ": no column \"" + name + "\" in " + header);
        }
        return i;
    }

    static String render(List<Row> rows) {
        Map<String, Map<String, Row>> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            byKey.computeIfAbsent(r.format() + "|" + r.rotation() + "|" + r.damage(), k -> new HashMap<>()).put(r.benchmark(), r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("| format | rotation | damage | panel MB/s memcpy | convert × memcpy | present × memcpy |\n");
        sb.append("|---|---:|---|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, Row>> e : byKey.entrySet()) {
            Map<String, Row> m = e.getValue();
            Row copy = m.get("memcpy");
            Row any = m.values().iterator().next();
            double bytes = DamageSets.pixels(any.damage()) * (double) PresentBenchmark.pixelFormat(any.format()).bytesPerPixel();
            sb.append("| ").append(any.format()).append(" | ").append(any.rotation()).append(" | ").append(any.damage()).append(" | ");
            sb.append(copy == null ? "–" : String.format(Locale.ROOT, "%.0f", copy.score() * bytes / 1e6)).append(" | ");
            sb.append(ratio(copy, m.get("convert"))).append(" | ").append(ratio(copy, m.get("present"))).append(" |\n");
        }
        sb.append("\nA ratio is the memcpy's operations per second divided by the benchmark's (how many times longer it takes ")
                .append("than copying the same bytes); MB/s counts the bytes written to the panel (10^6).\n");
        return sb.toString();
    }

    private static String ratio(Row copy, Row other) {
        if (copy == null || other == null || other.score() <= 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", copy.score() / other.score());
    }
}
