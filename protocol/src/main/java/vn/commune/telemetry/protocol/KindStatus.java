package vn.commune.telemetry.protocol;

import java.util.Map;

/** The status fields specific to one kind of device. */
public sealed interface KindStatus permits LoudspeakerStatus, WifiStatus, CameraStatus, GatewayStatus {

    /** The kind of device these fields belong to. */
    DeviceKind kind();

    /** The present fields by wire name, in wire order, typed as {@link StatusMessage#fields()} describes. */
    Map<String, Object> fields();

    /** The kind-specific status of {@code kind} with no field present. */
    static KindStatus empty(DeviceKind kind) {
        return switch (kind) {
            case LOUDSPEAKER -> new LoudspeakerStatus(null, null, null, null, null, null);
            case WIFI -> new WifiStatus(null, null, null, null);
            case CAMERA -> new CameraStatus(null, null, null, null, null);
            case GATEWAY -> new GatewayStatus(null, null, null);
        };
    }
}
