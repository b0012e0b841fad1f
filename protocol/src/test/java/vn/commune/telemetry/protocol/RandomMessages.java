package vn.commune.telemetry.protocol;

import java.util.Random;

/** Random valid messages (every value within its documented range), for property tests. */
final class RandomMessages {

    private static final String[] PIECES = {"a", "Z", "0", " ", "ệ", "Đ", "ư", "ở", "–", "📢", "🇻🇳", "\u202e",
        "\u200b", "\n", "\r", "\t", "\"", "\\", "/", ",", "=", "'", ";", "--", "\u0001", "\u007f", "\u00a0",
        "\uFFFD", "\uDBFF\uDFFF", "<script>", "x' OR 1=1", "tag=evil", "status,device=x", "{", "}", "[", "]"};

    private final Random random;
    private final long now;

    RandomMessages(long seed, long now) {
        this.random = new Random(seed);
        this.now = now;
    }

    Message next(String deviceId) {
        return switch (random.nextInt(3)) {
            case 0 -> status(deviceId);
            case 1 -> new EventMessage(deviceId, ts(), pick(EventType.values()), maybe(this::text),
                    maybe(() -> integer(0, 100)), maybe(this::text));
            default -> new StateMessage(deviceId, random.nextBoolean() ? null : ts(), pick(ConnectionState.values()));
        };
    }

    private StatusMessage status(String deviceId) {
        DeviceKind kind = pick(DeviceKind.values());
        CommonStatus common = new CommonStatus(maybe(() -> pick(Power.values())), maybe(() -> integer(0, 100)),
                maybe(() -> decimal(-60, 125)), maybe(() -> integer(-150, 0)), maybe(() -> integer(-156, -31)),
                maybe(() -> longValue(0, Long.MAX_VALUE)));
        KindStatus detail = switch (kind) {
            case LOUDSPEAKER -> {
                Integer total = maybe(() -> integer(0, 64));
                Integer ok = maybe(() -> integer(0, total == null ? 64 : total));
                yield new LoudspeakerStatus(maybe(random::nextBoolean), maybe(this::text),
                        maybe(() -> integer(0, 100)), maybe(random::nextBoolean), ok, total);
            }
            case WIFI -> new WifiStatus(maybe(() -> integer(0, 100_000)), maybe(random::nextBoolean),
                    maybe(() -> decimal(0, 100_000)), maybe(() -> decimal(0, 600_000)));
            case CAMERA -> new CameraStatus(maybe(random::nextBoolean), maybe(() -> decimal(0, 100)),
                    maybe(() -> decimal(0, 240)), maybe(() -> decimal(0, 1_000_000)), maybe(random::nextBoolean));
            case GATEWAY -> new GatewayStatus(maybe(() -> integer(0, 100_000)),
                    maybe(() -> longValue(0, Long.MAX_VALUE)), maybe(() -> pick(Uplink.values())));
        };
        return new StatusMessage(deviceId, ts(), kind, common, detail);
    }

    String deviceId() {
        String first = "abcXYZ0189";
        String rest = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
        int length = random.nextInt(10) == 0 ? Topics.MAX_DEVICE_ID_LENGTH : 1 + random.nextInt(20);
        StringBuilder id = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        while (id.length() < length) {
            id.append(rest.charAt(random.nextInt(rest.length())));
        }
        return id.toString();
    }

    private long ts() {
        long oldest = now - MessageCodec.DEFAULT_MAX_AGE.toMillis();
        long newest = now + MessageCodec.DEFAULT_MAX_AHEAD.toMillis();
        return switch (random.nextInt(5)) {
            case 0 -> oldest;
            case 1 -> newest;
            default -> longValue(oldest, newest);
        };
    }

    /** A string of 0 to 256 code points, sometimes exactly 256, from a hostile alphabet. */
    private String text() {
        int target = random.nextInt(8) == 0 ? MessageCodec.MAX_STRING_LENGTH : random.nextInt(40);
        StringBuilder out = new StringBuilder();
        int count = 0;
        while (count < target) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            int points = piece.codePointCount(0, piece.length());
            if (count + points > target) {
                piece = "x";
                points = 1;
            }
            out.append(piece);
            count += points;
        }
        return out.toString();
    }

    private int integer(int min, int max) {
        return (int) longValue(min, max);
    }

    private long longValue(long min, long max) {
        return switch (random.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + (long) (random.nextDouble() * ((double) max - (double) min));
        };
    }

    private double decimal(double min, double max) {
        return switch (random.nextInt(6)) {
            case 0 -> min;
            case 1 -> max;
            case 2 -> Math.floor(min + random.nextDouble() * (max - min));
            case 3 -> Math.round((min + random.nextDouble() * (max - min)) * 10) / 10.0;
            default -> Math.max(min, Math.min(max, min + random.nextDouble() * (max - min)));
        };
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T maybe(java.util.function.Supplier<T> value) {
        return random.nextInt(10) < 7 ? value.get() : null;
    }
}
