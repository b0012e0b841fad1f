package vn.commune.telemetry.protocol;

/** The JSON field names of wire protocol v1, for code that stores or queries them by name. */
public final class WireFields {

    /** Protocol version, always 1. */
    public static final String V = "v";
    /** Time of measurement at the device, epoch milliseconds. */
    public static final String TS = "ts";
    /** Device kind of a status message. */
    public static final String KIND = "kind";
    /** Type of an event message. */
    public static final String TYPE = "type";
    /** Connection state of a state message. */
    public static final String STATE = "state";
    /** Optional: the device the payload is from; when present it must be the topic's device id. */
    public static final String DEVICE = "device";

    /** Common status: power source. */
    public static final String POWER = "power";
    /** Common status and event: battery charge, percent. */
    public static final String BATTERY_PCT = "battery_pct";
    /** Common status: device temperature, degrees Celsius. */
    public static final String TEMP_C = "temp_c";
    /** Common status: received signal strength, dBm. */
    public static final String RSSI_DBM = "rssi_dbm";
    /** Common status: 4G reference signal received power, dBm. */
    public static final String RSRP_DBM = "rsrp_dbm";
    /** Common status: seconds since boot. */
    public static final String UPTIME_S = "uptime_s";

    /** Loudspeaker: playing now. */
    public static final String PLAYING = "playing";
    /** Loudspeaker status and event: programme name. */
    public static final String PROGRAM = "program";
    /** Loudspeaker: volume, percent. */
    public static final String VOLUME_PCT = "volume_pct";
    /** Loudspeaker: amplifier healthy. */
    public static final String AMP_OK = "amp_ok";
    /** Loudspeaker: working horns. */
    public static final String HORNS_OK = "horns_ok";
    /** Loudspeaker: installed horns. */
    public static final String HORNS_TOTAL = "horns_total";

    /** Wi-Fi: associated clients. */
    public static final String CLIENTS = "clients";
    /** Wi-Fi: uplink working. */
    public static final String UPLINK_OK = "uplink_ok";
    /** Wi-Fi: measured uplink throughput, Mbit/s. */
    public static final String UPLINK_MBPS = "uplink_mbps";
    /** Wi-Fi: measured uplink round-trip latency, milliseconds. */
    public static final String LATENCY_MS = "latency_ms";

    /** Camera: recording now. */
    public static final String RECORDING = "recording";
    /** Camera: storage used, percent. */
    public static final String STORAGE_USED_PCT = "storage_used_pct";
    /** Camera: frames per second. */
    public static final String FPS = "fps";
    /** Camera: video bitrate, kbit/s. */
    public static final String BITRATE_KBPS = "bitrate_kbps";
    /** Camera: tamper detected. */
    public static final String TAMPER = "tamper";

    /** Gateway: local devices it serves. */
    public static final String DEVICES = "devices";
    /** Gateway: messages waiting in its store-and-forward spool. */
    public static final String SPOOL_DEPTH = "spool_depth";
    /** Gateway: uplink in use. */
    public static final String UPLINK = "uplink";

    /** Event: free-text detail from the device. */
    public static final String DETAIL = "detail";

    private WireFields() {
    }
}
