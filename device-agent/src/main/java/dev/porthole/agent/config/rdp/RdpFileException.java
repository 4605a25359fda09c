package dev.porthole.agent.config.rdp;

/** A {@code .rdp} file that cannot be read; the message names the line ({@code line 7: ...}). */
public final class RdpFileException extends RuntimeException {

    private final int line;

    public RdpFileException(int line, String detail) {
        super(line > 0 ? "line " + line + ": " + detail : detail);
        this.line = line;
    }

    /** 1-based line, or 0 for the whole file. */
    public int line() {
        return line;
    }
}
