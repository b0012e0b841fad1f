package vn.commune.telemetry.service.ingest;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;

/**
 * Paho's log, through SLF4J (logger {@code org.eclipse.paho.mqttv5}): severe as ERROR, warning as WARN, info as
 * DEBUG, the finer levels as TRACE. It also takes away a cost on the hot path: Paho creates a logger for every token,
 * that is for every acknowledgement, and its default one looks up a {@code java.util.logging} logger each time (a
 * synchronised lookup); {@link #initialise} here only keeps its arguments. Installed once by {@link #install()}.
 */
public final class PahoLogger implements Logger {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("org.eclipse.paho.mqttv5");

    private ResourceBundle catalog;
    private String resourceName;

    /** Makes Paho create loggers of this class (before the first client is created). */
    public static void install() {
        LoggerFactory.setLogger(PahoLogger.class.getName());
    }

    /** For Paho, which instantiates it by name. */
    public PahoLogger() {
    }

    @Override
    public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceName) {
        this.catalog = messageCatalog;
        this.resourceName = resourceName;
    }

    @Override
    public void setResourceName(String logContext) {
        this.resourceName = logContext;
    }

    @Override
    public boolean isLoggable(int level) {
        return switch (level) {
            case SEVERE -> LOG.isErrorEnabled();
            case WARNING -> LOG.isWarnEnabled();
            case INFO -> LOG.isDebugEnabled();
            default -> LOG.isTraceEnabled();
        };
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg) {
        log(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg) {
        log(FINER, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg) {
        log(FINEST, sourceClass, sourceMethod, msg, null, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
    }

    @Override
    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts,
            Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = (resourceName == null ? "" : resourceName + ": ") + formatMessage(msg, inserts);
        switch (level) {
            case SEVERE -> LOG.error(text, thrown);
            case WARNING -> LOG.warn(text, thrown);
            case INFO -> LOG.debug(text, thrown);
            default -> LOG.trace(text, thrown);
        }
    }

    @Override
    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts,
            Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    @Override
    public String formatMessage(String msg, Object[] inserts) {
        String pattern = msg;
        if (catalog != null && msg != null) {
            try {
                pattern = catalog.getString(msg);
            } catch (MissingResourceException e) {
                pattern = msg;
            }
        }
        if (pattern == null) {
            return "";
        }
        return inserts == null || inserts.length == 0 ? pattern : MessageFormat.format(pattern, inserts);
    }

    @Override
    public void dumpTrace() {
        // no trace buffer
    }
}
