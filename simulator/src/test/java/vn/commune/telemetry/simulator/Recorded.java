package vn.commune.telemetry.simulator;

import java.util.ArrayList;
import java.util.List;
import vn.commune.telemetry.protocol.DecodeResult;
import vn.commune.telemetry.protocol.EventMessage;
import vn.commune.telemetry.protocol.EventType;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.StateMessage;
import vn.commune.telemetry.protocol.StatusMessage;

/** Decoded messages of a run, with the lookups tests need. */
final class Recorded {

    private final List<Message> messages = new ArrayList<>();
    private final List<DecodeResult.Rejected> rejected = new ArrayList<>();

    /** Decodes (topic, payload) pairs against a receiver clock of {@code nowMillis}. */
    Recorded(List<RecordingLinks.Sent> sent, long nowMillis) {
        MessageCodec codec = new MessageCodec();
        for (RecordingLinks.Sent message : sent) {
            DecodeResult result = codec.decode(message.topic(), message.payload(), nowMillis);
            if (result instanceof DecodeResult.Accepted accepted) {
                messages.add(accepted.message());
            } else {
                rejected.add((DecodeResult.Rejected) result);
            }
        }
    }

    List<Message> all() {
        return messages;
    }

    List<DecodeResult.Rejected> rejected() {
        return rejected;
    }

    List<StatusMessage> statuses(String device) {
        List<StatusMessage> result = new ArrayList<>();
        for (Message message : messages) {
            if (message instanceof StatusMessage status && status.deviceId().equals(device)) {
                result.add(status);
            }
        }
        return result;
    }

    List<EventMessage> events(String device, EventType type) {
        List<EventMessage> result = new ArrayList<>();
        for (Message message : messages) {
            if (message instanceof EventMessage event && event.deviceId().equals(device)
                    && (type == null || event.type() == type)) {
                result.add(event);
            }
        }
        return result;
    }

    List<StateMessage> states(String device) {
        List<StateMessage> result = new ArrayList<>();
        for (Message message : messages) {
            if (message instanceof StateMessage state && state.deviceId().equals(device)) {
                result.add(state);
            }
        }
        return result;
    }
}
