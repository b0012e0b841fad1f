package vn.commune.telemetry.simulator.broadcast;

import vn.commune.telemetry.protocol.schedule.Airing;
import vn.commune.telemetry.simulator.device.LoudspeakerModel;

/** What happens when a loudspeaker starts or stops playing: events, ground truth. */
public interface Playback {

    /** {@code speaker} starts playing {@code airing} (from schedule {@code version}) at {@code t}. */
    void start(LoudspeakerModel speaker, Airing airing, long version, long t);

    /** {@code speaker} stops playing at {@code t}. */
    void stop(LoudspeakerModel speaker, long t);
}
