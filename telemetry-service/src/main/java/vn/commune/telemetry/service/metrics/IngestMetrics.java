package vn.commune.telemetry.service.metrics;

import vn.commune.telemetry.protocol.Channel;
import vn.commune.telemetry.protocol.RejectReason;

/** What the ingest path counts. Tags are low-cardinality only: never a device id. */
public interface IngestMetrics {

    /** Counts nothing, for tests that do not look. */
    IngestMetrics NOOP = new IngestMetrics() {
        @Override
        public void received() {
        }

        @Override
        public void accepted(Channel channel, int points) {
        }

        @Override
        public void rejected(RejectReason reason) {
        }

        @Override
        public void acknowledged(long nanosSinceReceipt) {
        }

        @Override
        public void unstored() {
        }
    };

    /** A message arrived from the broker. */
    void received();

    /** A message passed validation and produced {@code points} points. */
    void accepted(Channel channel, int points);

    /** A message was refused. */
    void rejected(RejectReason reason);

    /** A message was acknowledged to the broker, this long after it arrived. */
    void acknowledged(long nanosSinceReceipt);

    /** An accepted message could not be stored: left unacknowledged, for the broker to deliver again. */
    void unstored();
}
