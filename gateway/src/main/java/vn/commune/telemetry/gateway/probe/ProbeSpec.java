package vn.commune.telemetry.gateway.probe;

import java.time.Duration;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * A device that cannot speak MQTT, watched by the gateway.
 *
 * @param device     its device id (its topics are {@code tele/{device}/…})
 * @param kind       the kind it is in the inventory (its status says so)
 * @param type       how it is probed
 * @param target     {@code host:port} for tcp and rtsp, a URL for http, a host for ping
 * @param interval   how often
 * @param timeout    how long one probe may take
 * @param jsonField  http only: a top-level field of the JSON body that must equal {@code jsonEquals}; null for none
 * @param jsonEquals the expected value, as text
 */
public record ProbeSpec(String device, DeviceKind kind, ProbeType type, String target, Duration interval,
        Duration timeout, String jsonField, String jsonEquals) {
}
