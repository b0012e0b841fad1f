package vn.commune.telemetry.gateway.probe;

import java.util.Locale;
import java.util.Optional;

/** The ways a device is probed. */
public enum ProbeType {
    /** A TCP connection to {@code host:port} is accepted. */
    TCP,
    /** {@code GET url} answers 2xx (and, when configured, a JSON field has the expected value). */
    HTTP,
    /** {@code OPTIONS} to an RTSP server at {@code host:port} answers {@code RTSP/1.0 200}. */
    RTSP,
    /** ICMP echo where the JVM may send it ({@code InetAddress.isReachable}), otherwise TCP port 7 (echo). */
    PING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProbeType> fromWire(String text) {
        for (ProbeType type : values()) {
            if (type.wireName().equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
