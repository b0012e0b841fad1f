package vn.commune.telemetry.simulator;

import java.util.Locale;

/**
 * How devices reach the broker: one MQTT connection per device (faithful: client id and username are the device id,
 * each has its own Will), or a pool of connections that the devices share, each publishing on its own topics (no
 * per-device Will). {@link Kind#AUTO} picks per-device up to {@value #PER_DEVICE_LIMIT} devices, pooled above.
 *
 * @param kind the mode
 * @param pool connections of a pool (pooled and auto), at least 1
 */
public record ConnectionMode(Kind kind, int pool) {

    /** Devices up to which {@link Kind#AUTO} gives each device its own connection. */
    public static final int PER_DEVICE_LIMIT = 2_000;
    /** Default size of a pool. */
    public static final int DEFAULT_POOL = 16;

    /** The modes. */
    public enum Kind {
        /** Per-device up to {@value ConnectionMode#PER_DEVICE_LIMIT} devices, pooled above. */
        AUTO,
        /** One connection per device. */
        PER_DEVICE,
        /** A pool of connections shared by the devices. */
        POOLED
    }

    /** Checks the pool size. */
    public ConnectionMode {
        if (kind == null) {
            throw new IllegalArgumentException("connection mode needs a kind");
        }
        if (pool < 1 || pool > 10_000) {
            throw new IllegalArgumentException("a pool has 1 to 10000 connections, not " + pool);
        }
    }

    /** The default: per-device up to {@value #PER_DEVICE_LIMIT} devices, a pool of {@value #DEFAULT_POOL} above. */
    public static ConnectionMode auto() {
        return new ConnectionMode(Kind.AUTO, DEFAULT_POOL);
    }

    /** One connection per device. */
    public static ConnectionMode perDevice() {
        return new ConnectionMode(Kind.PER_DEVICE, DEFAULT_POOL);
    }

    /** A pool of {@code connections}. */
    public static ConnectionMode pooled(int connections) {
        return new ConnectionMode(Kind.POOLED, connections);
    }

    /**
     * Parses {@code auto}, {@code per-device}, {@code pooled} or {@code pooled:K}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ConnectionMode parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("auto")) {
            return auto();
        }
        if (value.equals("per-device")) {
            return perDevice();
        }
        if (value.equals("pooled")) {
            return pooled(DEFAULT_POOL);
        }
        if (value.startsWith("pooled:")) {
            try {
                return pooled(Integer.parseInt(value.substring("pooled:".length())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': pool size must be a number, as in pooled:16");
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not per-device, pooled, pooled:K or auto");
    }

    /** The concrete mode for a fleet of {@code devices}: never {@link Kind#AUTO}. */
    public ConnectionMode resolve(int devices) {
        if (kind != Kind.AUTO) {
            return this;
        }
        return devices <= PER_DEVICE_LIMIT ? perDevice() : pooled(pool);
    }

    /** Whether each device has its own connection (after {@link #resolve}). */
    public boolean perDeviceConnections() {
        return kind == Kind.PER_DEVICE;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case PER_DEVICE -> "per-device";
            case POOLED -> "pooled:" + pool;
        };
    }
}
