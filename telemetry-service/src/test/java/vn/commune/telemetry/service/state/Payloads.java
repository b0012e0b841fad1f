package vn.commune.telemetry.service.state;

import vn.commune.telemetry.protocol.CommonStatus;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.StatusMessage;

/** Messages for state tests. */
final class Payloads {

    private Payloads() {
    }

    static StatusMessage status(String id, long ts) {
        return new StatusMessage(id, ts, DeviceKind.LOUDSPEAKER, CommonStatus.empty(), null);
    }
}
