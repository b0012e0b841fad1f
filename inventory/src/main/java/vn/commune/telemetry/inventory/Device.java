package vn.commune.telemetry.inventory;

import java.time.Duration;
import java.util.Objects;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * One device of the fleet.
 *
 * @param id        the device id (its MQTT client id and username), see {@code Topics.isValidDeviceId}
 * @param kind      what it is
 * @param placeId   the place it stands at (a village for loudspeakers and Wi-Fi points, usually a commune for
 *                  gateways and cameras)
 * @param name      display name, {@code null} when not given
 * @param gatewayId the gateway it reaches the district through, {@code null} when it connects directly
 * @param interval  its status interval, {@code null} for the default of its kind (see {@link #statusInterval()})
 */
public record Device(String id, DeviceKind kind, String placeId, String name, String gatewayId, Duration interval) {

    /** Default status interval of loudspeakers, Wi-Fi points and cameras. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

    /** Default status interval of gateways: they carry the commune, so they report more often. */
    public static final Duration DEFAULT_GATEWAY_INTERVAL = Duration.ofSeconds(30);

    /** Checks the fields that must be present. */
    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(placeId, "placeId");
    }

    /** The status interval a device of this kind uses when its inventory entry gives none. */
    public static Duration defaultInterval(DeviceKind kind) {
        return kind == DeviceKind.GATEWAY ? DEFAULT_GATEWAY_INTERVAL : DEFAULT_INTERVAL;
    }

    /** The interval this device sends status at: its own, or the default of its kind. */
    public Duration statusInterval() {
        return interval != null ? interval : defaultInterval(kind);
    }

    /** The name to show: its name, or its id when it has none. */
    public String displayName() {
        return name != null ? name : id;
    }
}
