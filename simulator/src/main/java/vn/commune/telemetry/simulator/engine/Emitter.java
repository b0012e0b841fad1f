package vn.commune.telemetry.simulator.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import vn.commune.telemetry.protocol.ConnectionState;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fault.MalformedVariant;
import vn.commune.telemetry.simulator.mqtt.DeviceLinks;

/**
 * Turns what devices say into MQTT messages: encodes them with the protocol's codec, stamps them with the device's
 * clock, publishes them through the device's link (twice while a duplicate fault acts) and counts them.
 */
final class Emitter {

    private final DeviceLinks links;
    private final MessageCodec codec = new MessageCodec();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong statuses = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong states = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean aborted;
    private final Map<Integer, List<Waiting>> backlogs = new HashMap<>();
    private final AtomicLong backlogged = new AtomicLong();

    /** A message held at the commune gateway while the uplink is down. */
    private record Waiting(String topic, byte[] payload, boolean retain, boolean mayDuplicate) {
    }

    Emitter(DeviceLinks links) {
        this.links = links;
    }

    void status(DeviceModel device, StatusMessage status) {
        statuses.incrementAndGet();
        send(device, Topics.status(device.id()), codec.encode(status), false, true);
    }

    void event(DeviceModel device, long t, EventType type, String program, Integer batteryPct, String detail) {
        events.incrementAndGet();
        EventMessage event = new EventMessage(device.id(), device.stamp(t), type, program, batteryPct, detail);
        send(device, Topics.event(device.id()), codec.encode(event), false, true);
    }

    void state(DeviceModel device, long t, boolean online) {
        states.incrementAndGet();
        StateMessage state = new StateMessage(device.id(), device.stamp(t),
                online ? ConnectionState.ONLINE : ConnectionState.OFFLINE);
        send(device, Topics.state(device.id()), codec.encode(state), true, true);
    }

    void malformed(DeviceModel device, MalformedVariant.Malformed message) {
        malformed.incrementAndGet();
        send(device, message.topic(), message.payload(), false, false);
    }

    private void send(DeviceModel device, String topic, byte[] payload, boolean retain, boolean mayDuplicate) {
        if (device.holds().active(FaultType.UPLINK_CUT)) {
            // the commune's uplink is down: the message waits at the gateway
            backlogs.computeIfAbsent(device.index(), k -> new ArrayList<>())
                    .add(new Waiting(topic, payload, retain, mayDuplicate));
            backlogged.incrementAndGet();
            return;
        }
        emit(device, topic, payload, retain, mayDuplicate);
    }

    private void emit(DeviceModel device, String topic, byte[] payload, boolean retain, boolean mayDuplicate) {
        publish(device, topic, payload, retain);
        if (mayDuplicate && device.holds().active(FaultType.DUPLICATE)) {
            duplicates.incrementAndGet();
            publish(device, topic, payload, retain);
        }
    }

    private void publish(DeviceModel device, String topic, byte[] payload, boolean retain) {
        if (aborted) {
            throw new SimulationAborted();
        }
        try {
            links.publish(device.index(), topic, payload, retain);
            messages.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationAborted();
        }
    }

    /**
     * The uplink is back: the device's messages that waited are published, state messages and events first, then
     * statuses, each group in the order they were made (as the commune gateway drains its backlog).
     */
    void release(DeviceModel device) {
        List<Waiting> waiting = backlogs.remove(device.index());
        if (waiting == null) {
            return;
        }
        for (boolean statuses : new boolean[] {false, true}) {
            for (Waiting message : waiting) {
                if (message.topic().endsWith("/status") == statuses) {
                    emit(device, message.topic(), message.payload(), message.retain(), message.mayDuplicate());
                }
            }
        }
    }

    /** The run ends: every backlog still waiting is delivered, as if the uplinks came back at the end. */
    void releaseAll(List<DeviceModel> devices) {
        for (DeviceModel device : devices) {
            release(device);
        }
    }

    /** Messages that waited for an uplink so far. */
    long backlogged() {
        return backlogged.get();
    }

    /** Makes the next publication abort the simulation. */
    void abort() {
        aborted = true;
    }

    long messages() {
        return messages.get();
    }

    long statuses() {
        return statuses.get();
    }

    long events() {
        return events.get();
    }

    long states() {
        return states.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long malformed() {
        return malformed.get();
    }
}
