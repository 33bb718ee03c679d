package dev.dpiqa.api;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the application logs while it is open: its ERRORs (JUL SEVERE, which JBoss ERROR maps to), and all. */
final class ErrorLog extends Handler implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private ErrorLog() {
    }

    static ErrorLog open() {
        ErrorLog log = new ErrorLog();
        ROOT.addHandler(log);
        return log;
    }

    /** "logger: message" of each ERROR so far. */
    List<String> errors() {
        return records.stream()
                .filter(record -> record.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(record -> record.getLoggerName() + ": " + record.getMessage())
                .toList();
    }

    /** Every message so far, at any level, with its parameters filled in. */
    List<String> messages() {
        return records.stream()
                .map(record -> record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage())
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        ROOT.removeHandler(this);
    }
}
