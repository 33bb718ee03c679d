package dev.dpiqa.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the application logs at ERROR (JUL SEVERE, which JBoss ERROR maps to) while it is open. */
final class ErrorLog extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");
    private final List<String> errors = new CopyOnWriteArrayList<>();

    private ErrorLog() {
    }

    static ErrorLog open() {
        ErrorLog log = new ErrorLog();
        ROOT.addHandler(log);
        return log;
    }

    /** "logger: message" of each ERROR so far. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            errors.add(record.getLoggerName() + ": " + record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
    }
}
