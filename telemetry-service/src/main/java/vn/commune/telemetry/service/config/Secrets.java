package vn.commune.telemetry.service.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secrets the process was given (API token, passwords, tokens of InfluxDB, SMTP and Telegram), so that its log
 * shows them masked: {@link MaskedMessageConverter} and {@link MaskedThrowableConverter} pass every logged message
 * and stack trace through {@link #mask}. The one process-wide registry of the service, because logging is
 * process-wide; {@link ConfigTree#secret} registers what it reads.
 */
public final class Secrets {

    /** What a secret becomes in the log. */
    public static final String MASK = "****";
    /** Shorter values are not masked: they would mask ordinary words (and are refused as secrets anyway). */
    static final int MIN_LENGTH = 6;

    private static final List<String> FORMS = new CopyOnWriteArrayList<>();

    private Secrets() {
    }

    /** Remembers {@code secret} (and its URL-encoded and Base64 forms, as they appear in URLs and headers). */
    public static void register(String secret) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            return;
        }
        add(secret);
        add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static synchronized void add(String form) {
        if (!FORMS.contains(form)) {
            FORMS.add(form);
            // longest first, so that a secret containing another is masked whole
            FORMS.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /** {@code text} with every registered secret replaced by {@link #MASK}. */
    public static String mask(String text) {
        if (text == null || FORMS.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : FORMS) {
            if (masked.contains(form)) {
                masked = masked.replace(form, MASK);
            }
        }
        return masked;
    }

    /** Forgets every secret (tests of this class). */
    static synchronized void clear() {
        FORMS.clear();
    }
}
