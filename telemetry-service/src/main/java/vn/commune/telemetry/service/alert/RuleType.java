package vn.commune.telemetry.service.alert;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import vn.commune.telemetry.protocol.CameraStatus;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Power;
import vn.commune.telemetry.protocol.StatusMessage;

/**
 * What a rule watches. {@link #OFFLINE} and {@link #GATEWAY_UNREACHABLE} follow the device's present state; the others
 * are conditions on its latest status, each with the kinds it applies to and whether it needs a {@code level}.
 */
public enum RuleType {
    /** The device is offline (its present state). */
    OFFLINE(EnumSet.of(DeviceKind.LOUDSPEAKER, DeviceKind.WIFI, DeviceKind.CAMERA), false),
    /** A commune gateway is offline: its commune is cut off. */
    GATEWAY_UNREACHABLE(EnumSet.of(DeviceKind.GATEWAY), false),
    /** The device runs on its battery ({@code power=battery}). */
    ON_BATTERY(EnumSet.allOf(DeviceKind.class), false),
    /** Its battery is below {@code level} percent. */
    BATTERY_BELOW(EnumSet.allOf(DeviceKind.class), true),
    /** Its temperature is above {@code level} °C. */
    TEMPERATURE_ABOVE(EnumSet.allOf(DeviceKind.class), true),
    /** A camera is not recording. */
    NOT_RECORDING(EnumSet.of(DeviceKind.CAMERA), false),
    /** A camera's storage is above {@code level} percent. */
    STORAGE_ABOVE(EnumSet.of(DeviceKind.CAMERA), true),
    /** Its signal (RSRP) is below {@code level} dBm. */
    SIGNAL_BELOW(EnumSet.allOf(DeviceKind.class), true),
    /**
     * At least {@code level} percent of a commune's devices (of the rule's kinds, at least two) are offline together:
     * one alert for the commune, and its devices' alerts are held back until it clears.
     */
    COMMUNE_DOWN(EnumSet.of(DeviceKind.LOUDSPEAKER, DeviceKind.WIFI, DeviceKind.CAMERA), true),
    /**
     * A loudspeaker did not play (enough of) its newest scheduled occurrence while online and powered (the broadcast
     * compliance's miss); it resolves when a later occurrence is played. A miss while offline, without power or in
     * maintenance is the outage alert's, not this one's.
     */
    BROADCAST_MISSED(EnumSet.of(DeviceKind.LOUDSPEAKER), false),
    /**
     * Not for the rules file: the alert a state rule raises for a device that keeps changing state (offline, online,
     * offline…), instead of one alert and resolution per change.
     */
    FLAPPING(EnumSet.allOf(DeviceKind.class), false);

    private final Set<DeviceKind> kinds;
    private final boolean needsLevel;
    private final String wireName = name().toLowerCase(Locale.ROOT);

    RuleType(Set<DeviceKind> kinds, boolean needsLevel) {
        this.kinds = kinds;
        this.needsLevel = needsLevel;
    }

    /** The name in the rules file. */
    public String wireName() {
        return wireName;
    }

    /** The kinds of device it can apply to. */
    public Set<DeviceKind> kinds() {
        return kinds;
    }

    /** Whether a rule of this type needs a {@code level}. */
    public boolean needsLevel() {
        return needsLevel;
    }

    /** Whether its subject is a commune rather than a device. */
    public boolean perCommune() {
        return this == COMMUNE_DOWN;
    }

    /** Whether it follows the present state rather than statuses. */
    public boolean followsState() {
        return this == OFFLINE || this == GATEWAY_UNREACHABLE;
    }

    /**
     * Whether a status shows the condition: true or false, or empty when the status does not carry the field (the
     * condition keeps what it was).
     */
    public Optional<Boolean> holds(StatusMessage status, Double level) {
        return switch (this) {
            case ON_BATTERY -> Optional.ofNullable(status.common().power()).map(p -> p == Power.BATTERY);
            case BATTERY_BELOW -> Optional.ofNullable(status.common().batteryPct()).map(v -> v < level);
            case TEMPERATURE_ABOVE -> Optional.ofNullable(status.common().tempC()).map(v -> v > level);
            case SIGNAL_BELOW -> Optional.ofNullable(status.common().rsrpDbm()).map(v -> v < level);
            case NOT_RECORDING -> status.detail() instanceof CameraStatus camera && camera.recording() != null
                    ? Optional.of(!camera.recording()) : Optional.empty();
            case STORAGE_ABOVE -> status.detail() instanceof CameraStatus camera && camera.storageUsedPct() != null
                    ? Optional.of(camera.storageUsedPct() > level) : Optional.empty();
            case OFFLINE, GATEWAY_UNREACHABLE, COMMUNE_DOWN, FLAPPING, BROADCAST_MISSED -> Optional.empty();
        };
    }

    /** The type with this name as stored, {@link #FLAPPING} included. */
    public static Optional<RuleType> fromStored(String name) {
        for (RuleType type : values()) {
            if (type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type with this name (of those a rules file may name). */
    public static Optional<RuleType> fromWire(String name) {
        for (RuleType type : values()) {
            if (type != FLAPPING && type.wireName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
