package vn.commune.telemetry.service.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Points on their way to InfluxDB together, with the callers they belong to. The batch counts for
 * {@code maxBufferedPoints} from when its points are taken until it is durable. Confined to the writer's context.
 */
final class Batch {

    /** A part of one caller's write in this batch. */
    record Slice(PendingWrite write, int lines) {
    }

    private final long receivedAt;
    private final List<Slice> slices = new ArrayList<>();
    private List<String> pending;
    private int size;
    private byte[] spoolPayload;

    Batch(long receivedAt, int capacity) {
        this.receivedAt = receivedAt;
        this.pending = new ArrayList<>(capacity);
    }

    /** Epoch milliseconds when the batch's first point was received (the dead-letter file's {@code ts_received}). */
    long receivedAt() {
        return receivedAt;
    }

    /** Points the batch took in (its weight against {@code maxBufferedPoints}). */
    int size() {
        return size;
    }

    void add(PendingWrite write, List<String> lines) {
        if (lines.size() == 1) {
            pending.add(lines.get(0));
        } else {
            pending.addAll(lines);
        }
        slices.add(new Slice(write, lines.size()));
        size += lines.size();
    }

    /** The points not yet known to be written (all of them, until a delivery wrote part of the batch). */
    List<String> pending() {
        return pending;
    }

    /** Narrows the batch to the points still to be made durable after a partial delivery. */
    void retain(List<String> stillPending) {
        if (stillPending != pending) {
            pending = stillPending;
            spoolPayload = null;
        }
    }

    /** The spool record of the pending points, encoded once. */
    byte[] spoolPayload() {
        if (spoolPayload == null) {
            spoolPayload = SpoolFormat.encodePayload(receivedAt, pending);
        }
        return spoolPayload;
    }

    /** Every point is durable: tells the callers. */
    void completed() {
        for (Slice slice : slices) {
            slice.write().linesDurable(slice.lines());
        }
    }

    /** The batch cannot be made durable (the writer closed without a spool): fails the callers. */
    void failed(Throwable cause) {
        for (Slice slice : slices) {
            slice.write().fail(cause);
        }
    }
}
