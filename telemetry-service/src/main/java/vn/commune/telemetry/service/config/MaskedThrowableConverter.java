package vn.commune.telemetry.service.config;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %xEx} with the process's {@link Secrets} masked ({@code %maskedEx} in logback.xml): an exception's
 * message may quote a URL or a header that holds one.
 */
public final class MaskedThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Secrets.mask(super.convert(event));
    }
}
