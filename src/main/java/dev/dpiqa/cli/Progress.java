package dev.dpiqa.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line progress bar on stderr, drawn only when stderr is a terminal so logs and pipes stay clean. */
final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private int done;
    private int failed;

    private Progress(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    /** A bar on stderr if it is a terminal, else one that draws nothing. */
    static Progress onStderr(int total) {
        return new Progress(stderrIsTerminal() ? System.err : null, total);
    }

    void advance(boolean success) {
        done++;
        if (!success) {
            failed++;
        }
        if (out != null) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + (failed > 0 ? " (" + failed + " failed)" : ""));
            out.flush();
        }
    }

    @Override
    public void close() {
        if (out != null && done > 0) {
            out.println();
        }
    }

    /** Java 17 cannot ask about stderr alone (System.console() needs stdin and stdout too); Linux can. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
