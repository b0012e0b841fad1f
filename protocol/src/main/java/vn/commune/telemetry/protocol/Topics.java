package vn.commune.telemetry.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/** Topic names of wire protocol v1. */
public final class Topics {

    /** Longest device id accepted, in characters. */
    public static final int MAX_DEVICE_ID_LENGTH = 64;

    /** Filter that matches every telemetry topic, for the service's (shared) subscription. */
    public static final String TELEMETRY_FILTER = "tele/#";
    /**
     * The MQTT 5 user property a commune gateway puts on every message it sends to the district broker, its own and
     * those it forwards: its device id. The service refuses a message whose property names an unknown gateway or one
     * the topic's device is not behind ({@link RejectReason#WRONG_GATEWAY}).
     */
    public static final String GATEWAY_PROPERTY = "gateway";

    /** Command name for a broadcast schedule sent to one device: {@code cmd/{deviceId}/schedule}. */
    public static final String COMMAND_SCHEDULE = "schedule";
    /** Command name for setting a loudspeaker's volume: {@code cmd/{deviceId}/volume}. */
    public static final String COMMAND_VOLUME = "volume";
    /** Command name for rebooting a device: {@code cmd/{deviceId}/reboot}. */
    public static final String COMMAND_REBOOT = "reboot";

    private static final String TELE_PREFIX = "tele/";
    private static final String CMD_PREFIX = "cmd/";
    private static final String COMMUNE_PREFIX = "cmd/commune/";
    /** The rule for device ids, as {@link #isValidDeviceId} checks it (kept as the reference its test compares to). */
    static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern COMMAND = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final String ID_RULE = "1 to 64 of A-Z a-z 0-9 _ -, starting with a letter or digit";

    private Topics() {
    }

    /** Whether {@code id} may be used as a device id (and so as a topic level and an MQTT client id). */
    public static boolean isValidDeviceId(String id) {
        // by hand, not DEVICE_ID's regex: this runs for every message received (measured 3 % of ingest)
        if (id == null || id.isEmpty() || id.length() > MAX_DEVICE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean alphanumeric = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code id} may be used as a commune id in a topic: the same rule as device ids. */
    public static boolean isValidCommuneId(String id) {
        return isValidDeviceId(id);
    }

    /** Whether {@code command} may be used as the last level of a command topic: 1 to 32 of a-z 0-9 _, from a-z. */
    public static boolean isValidCommand(String command) {
        return command != null && COMMAND.matcher(command).matches();
    }

    /** {@code tele/{deviceId}/status}. */
    public static String status(String deviceId) {
        return telemetry(deviceId, Channel.STATUS);
    }

    /** {@code tele/{deviceId}/event}. */
    public static String event(String deviceId) {
        return telemetry(deviceId, Channel.EVENT);
    }

    /** {@code tele/{deviceId}/state} (retained; also the topic of the device's Will). */
    public static String state(String deviceId) {
        return telemetry(deviceId, Channel.STATE);
    }

    /**
     * {@code tele/{deviceId}/{channel}}.
     *
     * @throws IllegalArgumentException when the device id is not valid
     */
    public static String telemetry(String deviceId, Channel channel) {
        return TELE_PREFIX + requireDeviceId(deviceId) + '/' + channel.wireName();
    }

    /**
     * {@code cmd/{deviceId}/{command}}, a command to one device.
     *
     * @throws IllegalArgumentException when the device id or the command is not valid
     */
    public static String command(String deviceId, String command) {
        if (!isValidCommand(command)) {
            throw new IllegalArgumentException("command must be 1 to 32 of a-z 0-9 _, starting with a-z");
        }
        return CMD_PREFIX + requireDeviceId(deviceId) + '/' + command;
    }

    /**
     * {@code cmd/{deviceId}/+}: the filter a device subscribes to for its own commands.
     *
     * @throws IllegalArgumentException when the device id is not valid
     */
    public static String commandFilter(String deviceId) {
        return CMD_PREFIX + requireDeviceId(deviceId) + "/+";
    }

    /**
     * {@code cmd/commune/{communeId}/schedule}, the commune's broadcast schedule (retained).
     *
     * @throws IllegalArgumentException when the commune id is not valid
     */
    public static String communeSchedule(String communeId) {
        if (!isValidCommuneId(communeId)) {
            throw new IllegalArgumentException("commune id must be " + ID_RULE);
        }
        return COMMUNE_PREFIX + communeId + '/' + COMMAND_SCHEDULE;
    }

    /**
     * Parses a telemetry topic. Only {@code tele/{deviceId}/{status|event|state}} with a valid device id is a
     * {@link TopicParse.DeviceTopic}; anything else (other prefix, fewer or more levels, empty or invalid id, unknown
     * channel, null) is a {@link TopicParse.BadTopic} whose detail does not echo the topic.
     */
    public static TopicParse parse(String topic) {
        if (topic == null) {
            return new TopicParse.BadTopic("no topic");
        }
        if (!topic.startsWith(TELE_PREFIX)) {
            return new TopicParse.BadTopic("topic must start with tele/");
        }
        int idEnd = topic.indexOf('/', TELE_PREFIX.length());
        if (idEnd < 0) {
            return new TopicParse.BadTopic("topic must be tele/{deviceId}/{channel}: too few levels");
        }
        if (topic.indexOf('/', idEnd + 1) >= 0) {
            return new TopicParse.BadTopic("topic must be tele/{deviceId}/{channel}: too many levels");
        }
        int idLength = idEnd - TELE_PREFIX.length();
        if (idLength == 0) {
            return new TopicParse.BadTopic("device id level is empty");
        }
        if (idLength > MAX_DEVICE_ID_LENGTH) {
            return new TopicParse.BadTopic("device id is longer than " + MAX_DEVICE_ID_LENGTH + " characters");
        }
        String deviceId = topic.substring(TELE_PREFIX.length(), idEnd);
        if (!isValidDeviceId(deviceId)) {
            return new TopicParse.BadTopic("device id must be " + ID_RULE);
        }
        Optional<Channel> channel = Channel.fromWire(topic.substring(idEnd + 1));
        if (channel.isEmpty()) {
            return new TopicParse.BadTopic("unknown channel: expected status, event or state");
        }
        return new TopicParse.DeviceTopic(deviceId, channel.get());
    }

    private static String requireDeviceId(String deviceId) {
        if (!isValidDeviceId(deviceId)) {
            throw new IllegalArgumentException("device id must be " + ID_RULE);
        }
        return deviceId;
    }
}
