package dev.porthole.agent.config;

/**
 * A configuration that cannot be used: not JSON, an unknown or mistyped field, a value out of bounds. The message
 * names the source, the line and column and the field: {@code porthole.json:7:13: connection.port: 70000 is outside
 * 1..65535}.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final String field;
    private final int line;
    private final int column;
    private final String detail;

    public ConfigException(String source, String field, int line, int column, String detail, Throwable cause) {
        super(format(source, field, line, column, detail), cause);
        this.source = source;
        this.field = field;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    private static String format(String source, String field, int line, int column, String detail) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (field != null && !field.isEmpty()) {
            b.append(field).append(": ");
        }
        return b.append(detail).toString();
    }

    /** The file (or resource) name. */
    public String source() {
        return source;
    }

    /** The JSON path of the field ({@code connection.hosts[1]}), or empty for a syntax error. */
    public String field() {
        return field == null ? "" : field;
    }

    /** 1-based line, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without source, location and field. */
    public String detail() {
        return detail;
    }
}
