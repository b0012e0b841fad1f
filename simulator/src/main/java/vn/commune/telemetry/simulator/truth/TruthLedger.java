package vn.commune.telemetry.simulator.truth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.simulator.broadcast.BroadcastDirector;
import vn.commune.telemetry.simulator.device.DeviceModel;
import vn.commune.telemetry.simulator.fault.FaultType;

/**
 * Keeps what really happens, device by device, as the simulation goes: the online and offline intervals, what each
 * loudspeaker plays, the faults. Closed intervals go to the truth file (when there is one) and to the in-memory
 * summaries of the report. Zero-length intervals are dropped. Used by the simulation thread only.
 */
public final class TruthLedger {

    /** Intervals kept in memory per device and list (the file has them all). */
    public static final int MAX_KEPT = 10_000;

    private final List<DeviceModel> devices;
    private final TruthWriter writer;
    private final Track[] tracks;

    /**
     * A ledger.
     *
     * @param devices the devices, in inventory order
     * @param writer  where to write the truth file, or null for none
     */
    public TruthLedger(List<DeviceModel> devices, TruthWriter writer) {
        this.devices = devices;
        this.writer = writer;
        this.tracks = new Track[devices.size()];
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new Track();
        }
    }

    /** Writes a record that is not an interval (header, device, end). */
    public void note(TruthRecord record) {
        if (writer != null) {
            writer.write(record);
        }
    }

    /** The device's state becomes online or offline at {@code t}: the previous interval closes there. */
    public void stateStarts(DeviceModel device, boolean online, long t, Set<FaultType> causes) {
        Track track = tracks[device.index()];
        closeState(device, track, t);
        track.open = true;
        track.online = online;
        track.from = t;
        track.causes = EnumSet.noneOf(FaultType.class);
        track.causes.addAll(causes);
        track.statuses = 0;
        track.statusFirst = null;
    }

    /** More causes act on an offline device. */
    public void addCauses(DeviceModel device, Set<FaultType> causes) {
        Track track = tracks[device.index()];
        if (track.open && !track.online) {
            track.causes.addAll(causes);
        }
    }

    /** The device sent a status at true time {@code t}. */
    public void statusSent(DeviceModel device, long t) {
        Track track = tracks[device.index()];
        if (track.statuses == 0) {
            track.statusFirst = t;
        }
        track.statuses++;
        track.totalStatuses++;
    }

    /** A loudspeaker starts playing at {@code t}. */
    public void playingStarts(DeviceModel device, Airing airing, long scheduleVersion, long t) {
        Track track = tracks[device.index()];
        closePlaying(device, track, t);
        track.playing = airing;
        track.playingVersion = scheduleVersion;
        track.playingFrom = t;
    }

    /** A loudspeaker stops playing at {@code t}. */
    public void playingEnds(DeviceModel device, long t) {
        closePlaying(device, tracks[device.index()], t);
    }

    /** A fault ended (or the run did): writes it. */
    public void fault(TruthRecord.Fault fault) {
        note(fault);
    }

    /** Closes every open interval at {@code end}. */
    public void closeAll(long end) {
        for (DeviceModel device : devices) {
            Track track = tracks[device.index()];
            closePlaying(device, track, end);
            closeState(device, track, end);
            track.open = false;
        }
    }

    /** The summaries, by device id in inventory order. */
    public Map<String, DeviceTruth> summaries() {
        Map<String, DeviceTruth> result = new LinkedHashMap<>(devices.size() * 2);
        for (DeviceModel device : devices) {
            Track track = tracks[device.index()];
            result.put(device.id(), new DeviceTruth(device.id(), device.kind(), track.onlineMillis,
                    track.offlineMillis, track.totalStatuses, track.states, track.played));
        }
        return result;
    }

    private void closeState(DeviceModel device, Track track, long t) {
        if (!track.open || t <= track.from) {
            return;
        }
        List<String> causes = new ArrayList<>();
        for (FaultType cause : track.causes) {
            causes.add(cause.wireName());
        }
        causes.sort(String::compareTo);
        TruthRecord.State state = new TruthRecord.State(device.id(), track.online, track.from, t,
                track.online ? List.of() : causes, track.online ? track.statuses : 0,
                track.online ? track.statusFirst : null, device.intervalMillis());
        if (track.online) {
            track.onlineMillis += t - track.from;
        } else {
            track.offlineMillis += t - track.from;
        }
        if (track.states.size() < MAX_KEPT) {
            track.states.add(state);
        }
        note(state);
    }

    private void closePlaying(DeviceModel device, Track track, long t) {
        Airing airing = track.playing;
        if (airing == null) {
            return;
        }
        track.playing = null;
        if (t <= track.playingFrom) {
            return;
        }
        boolean own = BroadcastDirector.isOwnProgram(airing);
        TruthRecord.Playing playing = new TruthRecord.Playing(device.id(), airing.program(),
                airing.bulletin() || own ? null : airing.itemId(), airing.bulletin() ? airing.itemId() : null,
                airing.priority().wireName(), track.playingVersion, track.playingFrom, t);
        if (track.played.size() < MAX_KEPT) {
            track.played.add(playing);
        }
        note(playing);
    }

    /** One device's open intervals and totals. */
    private static final class Track {
        boolean open;
        boolean online;
        long from;
        Set<FaultType> causes = EnumSet.noneOf(FaultType.class);
        long statuses;
        Long statusFirst;
        long totalStatuses;
        long onlineMillis;
        long offlineMillis;
        Airing playing;
        long playingVersion;
        long playingFrom;
        final List<TruthRecord.State> states = new ArrayList<>();
        final List<TruthRecord.Playing> played = new ArrayList<>();
    }
}
