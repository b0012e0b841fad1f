package vn.commune.telemetry.simulator.engine;

import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.simulator.broadcast.BroadcastDirector;
import vn.commune.telemetry.simulator.broadcast.Playback;
import vn.commune.telemetry.simulator.clock.EventQueue;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.device.LoudspeakerModel;
import vn.commune.telemetry.simulator.fault.FaultType;
import vn.commune.telemetry.simulator.fault.MalformedVariant;
import vn.commune.telemetry.simulator.mqtt.DeviceLinks;
import vn.commune.telemetry.simulator.truth.TruthLedger;
import vn.commune.telemetry.simulator.truth.TruthRecord;

/**
 * What a device does over its life: it joins the run, sends its status every interval while reachable, goes offline
 * and comes back as faults start and end (publishing its state, or vanishing so that the broker publishes its Will),
 * reboots after being dead or drained, and reports events. Everything it does is written to the ledger.
 */
final class DeviceLifecycle implements Playback {

    private static final MalformedVariant[] VARIANTS = MalformedVariant.values();

    private final EventQueue queue;
    private final Emitter emitter;
    private final TruthLedger ledger;
    private final DeviceLinks links;
    private final boolean wills;
    private final double malformedRate;
    private final boolean[] dropped;
    private BroadcastDirector broadcasts;

    DeviceLifecycle(EventQueue queue, Emitter emitter, TruthLedger ledger, DeviceLinks links, boolean wills,
            double malformedRate, int devices) {
        this.queue = queue;
        this.emitter = emitter;
        this.ledger = ledger;
        this.links = links;
        this.wills = wills;
        this.malformedRate = malformedRate;
        this.dropped = new boolean[devices];
    }

    void broadcasts(BroadcastDirector director) {
        this.broadcasts = director;
    }

    /** The device joins the run at {@code t}, online unless a fault already holds it down. */
    void join(DeviceModel device, long t) {
        device.start();
        Set<FaultType> causes = device.offlineCauses();
        if (causes.isEmpty()) {
            goOnline(device, t, t + device.phaseMillis(), false);
        } else {
            goOffline(device, t, causes);
        }
    }

    /** The commune's uplink is back: what the device sent meanwhile arrives now, late. */
    void uplinkRestored(DeviceModel device) {
        emitter.release(device);
    }

    /** Decides again whether the device is reachable, after a fault started or ended at {@code t}. */
    void reevaluate(DeviceModel device, long t) {
        if (!device.started()) {
            return;
        }
        Set<FaultType> causes = device.offlineCauses();
        if (device.online() && !causes.isEmpty()) {
            goOffline(device, t, causes);
        } else if (!device.online() && causes.isEmpty()) {
            goOnline(device, t, t, device.rebootPending());
        } else if (!device.online()) {
            ledger.addCauses(device, causes);
            if (causes.contains(FaultType.DEAD) || causes.contains(FaultType.POWER_CUT)) {
                device.rebootPending(true);
            }
        }
    }

    private void goOffline(DeviceModel device, long t, Set<FaultType> causes) {
        device.online(false);
        if (device instanceof LoudspeakerModel speaker) {
            // it stops playing at once, without an event (it cannot send one)
            broadcasts.evaluate(speaker, t);
        }
        device.rebootPending(causes.contains(FaultType.DEAD) || causes.contains(FaultType.POWER_CUT));
        ledger.stateStarts(device, false, t, causes);
        if (wills) {
            dropped[device.index()] = true;
            links.drop(device.index());
        } else {
            emitter.state(device, t, false);
        }
    }

    private void goOnline(DeviceModel device, long t, long firstStatus, boolean reboot) {
        device.online(true);
        device.powerLossReported(false);
        ledger.stateStarts(device, true, t, Set.of());
        if (dropped[device.index()]) {
            dropped[device.index()] = false;
            links.restore(device.index());
        }
        emitter.state(device, t, true);
        if (reboot) {
            device.boot(t);
            device.rebootPending(false);
            emitter.event(device, t, EventType.REBOOT, null, device.power().percent(t), null);
        }
        if (device instanceof LoudspeakerModel speaker) {
            broadcasts.evaluate(speaker, t);
        }
        long generation = device.generation();
        if (firstStatus <= t) {
            sendStatus(device, t);
            scheduleStatus(device, t + device.intervalMillis(), generation);
        } else {
            scheduleStatus(device, firstStatus, generation);
        }
    }

    private void scheduleStatus(DeviceModel device, long at, long generation) {
        queue.at(at, () -> statusDue(device, at, generation));
    }

    private void statusDue(DeviceModel device, long t, long generation) {
        if (generation != device.generation() || !device.online()) {
            return;
        }
        sendStatus(device, t);
        scheduleStatus(device, t + device.intervalMillis(), generation);
    }

    private void sendStatus(DeviceModel device, long t) {
        emitter.status(device, device.status(t));
        ledger.statusSent(device, t);
        double rate = 1 - (1 - malformedRate) * (1 - Math.min(1, device.holds().malformedRate()));
        if (rate > 0 && device.malformedRandom().nextDouble() < rate) {
            MalformedVariant variant = VARIANTS[device.malformedRandom().nextInt(VARIANTS.length)];
            MalformedVariant.Malformed message = variant.build(device.id(), device.kind(), device.stamp(t));
            emitter.malformed(device, message);
            ledger.fault(new TruthRecord.Fault(FaultType.MALFORMED.wireName(), device.id(), null, null, t, t,
                    Map.of("reason", variant.expected().tag(), "topic", message.topic())));
        }
    }

    /** Sends an event if the device is reachable; returns whether it did. */
    boolean eventIfOnline(DeviceModel device, long t, EventType type, String detail) {
        if (device.online()) {
            emitter.event(device, t, type, null, device.power().percent(t), detail);
            return true;
        }
        return false;
    }

    /** The device's grid power goes off at {@code t}. */
    void powerLost(DeviceModel device, long t) {
        if (eventIfOnline(device, t, EventType.POWER_LOST, null)) {
            device.powerLossReported(true);
        }
        long empty = device.power().emptyAt();
        long generation = device.power().generation();
        if (empty != Long.MAX_VALUE) {
            queue.at(empty, () -> batteryEmpty(device, generation, empty));
        }
    }

    /** The device's grid power comes back at {@code t}. */
    void powerRestored(DeviceModel device, long t, boolean wasEmpty) {
        if (wasEmpty) {
            reevaluate(device, t);
        } else if (eventIfOnline(device, t, EventType.POWER_RESTORED, null)) {
            device.powerLossReported(false);
        }
    }

    private void batteryEmpty(DeviceModel device, long generation, long t) {
        if (generation != device.power().generation()) {
            return;
        }
        device.power().drained(t);
        reevaluate(device, t);
    }

    /** A loudspeaker's amplifier or horns changed at {@code t}. */
    void speakerChanged(LoudspeakerModel speaker, long t) {
        broadcasts.evaluate(speaker, t);
    }

    @Override
    public void start(LoudspeakerModel speaker, Airing airing, long version, long t) {
        speaker.play(airing, t);
        ledger.playingStarts(speaker, airing, version, t);
        emitter.event(speaker, t, EventType.BROADCAST_STARTED, airing.program(), null, detail(airing));
    }

    /** The device's detail of a broadcast event: the item it plays, or none for a programme of its own. */
    private static String detail(Airing airing) {
        if (BroadcastDirector.isOwnProgram(airing)) {
            return null;
        }
        return (airing.bulletin() ? "bulletin " : "slot ") + airing.itemId();
    }

    @Override
    public void stop(LoudspeakerModel speaker, long t) {
        Airing airing = speaker.playing();
        ledger.playingEnds(speaker, t);
        speaker.silence();
        if (speaker.online() && airing != null) {
            emitter.event(speaker, t, EventType.BROADCAST_ENDED, airing.program(), null, detail(airing));
        }
    }

}
