package vn.commune.telemetry.protocol;

import java.util.regex.Pattern;

/** Topic names of wire protocol v1. */
public final class Topics {

    /** Longest device id accepted, in characters. */
    public static final int MAX_DEVICE_ID_LENGTH = 64;

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Topics() {
    }

    /** Whether {@code id} may be used as a device id (and so as a topic level and an MQTT client id). */
    public static boolean isValidDeviceId(String id) {
        return id != null && DEVICE_ID.matcher(id).matches();
    }
}
