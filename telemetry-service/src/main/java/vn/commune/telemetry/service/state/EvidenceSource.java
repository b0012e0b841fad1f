package vn.commune.telemetry.service.state;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/** Where devices' stored evidence is read back from for a repaint ({@link EvidenceReader} reads InfluxDB). */
public interface EvidenceSource {

    /** The evidence of {@code devices} from {@code cut} to {@code until}, and the last before it back to the lookback. */
    Future<Map<String, EvidenceReader.Stored>> read(List<String> devices, long cut, long lookbackMillis, long until);
}
