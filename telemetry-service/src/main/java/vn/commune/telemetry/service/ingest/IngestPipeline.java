package vn.commune.telemetry.service.ingest;

import io.vertx.core.Future;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.protocol.DecodeResult;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.Message;
import vn.commune.telemetry.protocol.MessageCodec;
import vn.commune.telemetry.protocol.RejectReason;
import vn.commune.telemetry.protocol.StatusMessage;
import vn.commune.telemetry.protocol.TopicParse;
import vn.commune.telemetry.protocol.Topics;
import vn.commune.telemetry.service.metrics.IngestMetrics;
import vn.commune.telemetry.service.storage.PointSink;
import vn.commune.telemetry.service.storage.StorageSchema;
import vn.commune.telemetry.service.support.ThrottledLog;

/**
 * One MQTT message's way through the service: topic → inventory (the device, and the gateway that says it forwarded
 * the message) → payload validation → point → durable write → acknowledgement. A refused message is counted by reason and acknowledged (it can never become valid); an
 * accepted one is folded into device state, then stored, and acknowledged only once both are durable, so the broker
 * keeps it until then.
 */
public final class IngestPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

    /**
     * A message that passed every check.
     *
     * @param message          the decoded message
     * @param device           the device, from the inventory
     * @param receivedAtMillis when it arrived
     */
    public record Accepted(Message message, Device device, long receivedAtMillis) {
    }

    private final MessageCodec codec;
    private final Supplier<Inventory> inventory;
    private final PointSink sink;
    private final MqttConnection mqtt;
    private final UnregisteredDevices unregistered;
    private final IngestMetrics metrics;
    private Function<Accepted, Future<Void>> stateHandler = accepted -> Future.succeededFuture();
    private long pendingAcks;
    private long unstored;
    /** A stop during recovery gives up every held message at once: one line a minute, not one per message. */
    private final ThrottledLog unstoredLog = ThrottledLog.perMinute();

    public IngestPipeline(MessageCodec codec, Supplier<Inventory> inventory, PointSink sink, MqttConnection mqtt,
            UnregisteredDevices unregistered, IngestMetrics metrics) {
        this.codec = codec;
        this.inventory = inventory;
        this.sink = sink;
        this.mqtt = mqtt;
        this.unregistered = unregistered;
        this.metrics = metrics;
    }

    /**
     * Where accepted messages go first: state tracking, whose Future completes when what the message changed is
     * durable. The message's point is stored after that, and the message acknowledged once both are: a stored
     * message has always had its transitions stored (what start-up recovery relies on), and a crash in between has
     * the broker deliver the message again.
     */
    public void stateHandler(Function<Accepted, Future<Void>> handler) {
        this.stateHandler = handler;
    }

    /** Messages whose points are on their way to storage and not yet acknowledged. */
    public long pendingAcks() {
        return pendingAcks;
    }

    /** Handles one message from the broker; runs on the Vert.x context. */
    public void handle(IncomingMessage incoming) {
        metrics.received();
        TopicParse topic = Topics.parse(incoming.topic());
        if (!(topic instanceof TopicParse.DeviceTopic deviceTopic)) {
            refuse(incoming, RejectReason.BAD_TOPIC, ((TopicParse.BadTopic) topic).detail(), null);
            return;
        }
        Inventory current = inventory.get();
        Device device = current.device(deviceTopic.deviceId()).orElse(null);
        if (device == null) {
            unregistered.seen(deviceTopic.deviceId(), incoming.topic(), incoming.receivedAtMillis());
            refuse(incoming, RejectReason.UNKNOWN_DEVICE, "not in the inventory", deviceTopic.deviceId());
            return;
        }
        if (incoming.gateway() != null && !forwardedByItsGateway(current, device, incoming.gateway())) {
            refuse(incoming, RejectReason.WRONG_GATEWAY, "forwarded by '" + incoming.gateway() + "', which is not "
                    + "a gateway it is behind" + (device.gatewayId() == null ? "" : " (" + device.gatewayId() + ")"),
                    device.id());
            return;
        }
        DecodeResult result = codec.decodePayload(deviceTopic, incoming.payload(), System.currentTimeMillis());
        if (result instanceof DecodeResult.Rejected rejected) {
            refuse(incoming, rejected.reason(), rejected.detail(), device.id());
            return;
        }
        Message message = ((DecodeResult.Accepted) result).message();
        if (message instanceof StatusMessage status && status.kind() != device.kind()) {
            refuse(incoming, RejectReason.KIND_MISMATCH, "reports kind " + status.kind().wireName()
                    + " but the inventory says " + device.kind().wireName(), device.id());
            return;
        }
        Map<String, String> tags = current.tags(device.id());
        String line = StorageSchema.message(message, tags, incoming.receivedAtMillis()).toLineProtocol();
        metrics.accepted(message.channel(), 1);
        pendingAcks++;
        fold(new Accepted(message, device, incoming.receivedAtMillis()))
                .compose(folded -> store(line))
                .onComplete(done -> {
                    pendingAcks--;
                    if (done.succeeded()) {
                        mqtt.ack(incoming);
                        metrics.acknowledged((System.currentTimeMillis() - incoming.receivedAtMillis()) * 1_000_000L);
                    } else {
                        // not acknowledged: the broker delivers it again after a reconnect
                        mqtt.giveUp(incoming);
                        metrics.unstored();
                        unstored++;
                        if (unstoredLog.due()) {
                            LOG.error("Cannot store messages ({} so far, not acknowledged: the broker delivers them "
                                    + "again after a reconnect); the latest, from {} on {}: {}", unstored, device.id(),
                                    incoming.topic(), done.cause().getMessage());
                        }
                    }
                });
    }

    /**
     * Whether the gateway named by a message's {@code gateway} user property may speak for the topic's device: it is a
     * gateway of the inventory and the device is itself or behind it.
     */
    private static boolean forwardedByItsGateway(Inventory inventory, Device device, String gatewayId) {
        if (!gatewayId.equals(device.id()) && !gatewayId.equals(device.gatewayId())) {
            return false;
        }
        Device gateway = inventory.device(gatewayId).orElse(null);
        return gateway != null && gateway.kind() == DeviceKind.GATEWAY;
    }

    private Future<Void> fold(Accepted accepted) {
        try {
            return stateHandler.apply(accepted);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Void> store(String line) {
        try {
            return sink.write(line);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private void refuse(IncomingMessage incoming, RejectReason reason, String detail, String deviceId) {
        metrics.rejected(reason);
        LOG.debug("Refused message on {} from {}: {} ({})", incoming.topic(), deviceId, reason, detail);
        mqtt.ack(incoming);
    }
}
