package vn.commune.telemetry.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.commune.telemetry.protocol.Channel;
import vn.commune.telemetry.protocol.RejectReason;

/** {@link IngestMetrics} as Micrometer meters named {@code ct.ingest.*}. */
public final class MicrometerIngestMetrics implements IngestMetrics {

    private final Counter received;
    private final Map<Channel, Counter> accepted = new EnumMap<>(Channel.class);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Counter points;
    private final Timer ackLatency;
    private final Counter unstored;

    public MicrometerIngestMetrics(MeterRegistry registry) {
        received = Counter.builder("ct.ingest.messages.received")
                .description("MQTT messages received from the broker").register(registry);
        for (Channel channel : Channel.values()) {
            accepted.put(channel, Counter.builder("ct.ingest.messages.accepted")
                    .description("Messages that passed validation").tag("channel", channel.wireName())
                    .register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("ct.ingest.messages.rejected")
                    .description("Messages refused, by reason").tag("reason", reason.tag()).register(registry));
        }
        points = Counter.builder("ct.ingest.points").description("Points produced from accepted messages")
                .register(registry);
        ackLatency = Timer.builder("ct.ingest.ack.latency")
                .description("Time from receipt to acknowledgement (points durable)")
                .publishPercentiles(0.5, 0.99).register(registry);
        unstored = Counter.builder("ct.ingest.messages.unstored")
                .description("Accepted messages that could not be stored, left unacknowledged for redelivery")
                .register(registry);
    }

    @Override
    public void received() {
        received.increment();
    }

    @Override
    public void accepted(Channel channel, int count) {
        accepted.get(channel).increment();
        points.increment(count);
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void acknowledged(long nanosSinceReceipt) {
        ackLatency.record(nanosSinceReceipt, TimeUnit.NANOSECONDS);
    }

    @Override
    public void unstored() {
        unstored.increment();
    }
}
