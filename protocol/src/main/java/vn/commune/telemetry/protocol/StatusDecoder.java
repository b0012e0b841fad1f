package vn.commune.telemetry.protocol;

/** Reads the body of a status payload: {@code kind}, the common fields, then the fields of that kind. */
final class StatusDecoder {

    private static final int MAX_STRING_LENGTH = MessageCodec.MAX_STRING_LENGTH;
    private static final String KINDS = "loudspeaker, wifi, camera, gateway";

    private StatusDecoder() {
    }

    static StatusMessage decode(String deviceId, long ts, FieldReader fields) {
        DeviceKind kind = fields.choice(WireFields.KIND, DeviceKind::fromWire, KINDS, RejectReason.WRONG_TYPE);
        if (kind == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "kind: required on the status topic");
        }
        CommonStatus common = common(fields);
        KindStatus detail = switch (kind) {
            case LOUDSPEAKER -> loudspeaker(fields);
            case WIFI -> wifi(fields);
            case CAMERA -> camera(fields);
            case GATEWAY -> gateway(fields);
        };
        return new StatusMessage(deviceId, ts, kind, common, detail);
    }

    private static CommonStatus common(FieldReader fields) {
        return new CommonStatus(
                fields.choice(WireFields.POWER, Power::fromWire, "mains, battery, solar", RejectReason.OUT_OF_RANGE),
                fields.smallInteger(WireFields.BATTERY_PCT, 0, 100),
                fields.decimal(WireFields.TEMP_C, -60, 125),
                fields.smallInteger(WireFields.RSSI_DBM, -150, 0),
                fields.smallInteger(WireFields.RSRP_DBM, -156, -31),
                fields.integer(WireFields.UPTIME_S, 0, Long.MAX_VALUE));
    }

    private static LoudspeakerStatus loudspeaker(FieldReader fields) {
        Boolean playing = fields.bool(WireFields.PLAYING);
        String program = fields.text(WireFields.PROGRAM, MAX_STRING_LENGTH);
        Integer volumePct = fields.smallInteger(WireFields.VOLUME_PCT, 0, 100);
        Boolean ampOk = fields.bool(WireFields.AMP_OK);
        Integer hornsOk = fields.smallInteger(WireFields.HORNS_OK, 0, 64);
        Integer hornsTotal = fields.smallInteger(WireFields.HORNS_TOTAL, 0, 64);
        if (hornsOk != null && hornsTotal != null && hornsOk > hornsTotal) {
            throw new Rejection(RejectReason.OUT_OF_RANGE,
                    "horns_ok: " + hornsOk + " is above horns_total " + hornsTotal);
        }
        return new LoudspeakerStatus(playing, program, volumePct, ampOk, hornsOk, hornsTotal);
    }

    private static WifiStatus wifi(FieldReader fields) {
        return new WifiStatus(
                fields.smallInteger(WireFields.CLIENTS, 0, 100_000),
                fields.bool(WireFields.UPLINK_OK),
                fields.decimal(WireFields.UPLINK_MBPS, 0, 100_000),
                fields.decimal(WireFields.LATENCY_MS, 0, 600_000));
    }

    private static CameraStatus camera(FieldReader fields) {
        return new CameraStatus(
                fields.bool(WireFields.RECORDING),
                fields.decimal(WireFields.STORAGE_USED_PCT, 0, 100),
                fields.decimal(WireFields.FPS, 0, 240),
                fields.decimal(WireFields.BITRATE_KBPS, 0, 1_000_000),
                fields.bool(WireFields.TAMPER));
    }

    private static GatewayStatus gateway(FieldReader fields) {
        return new GatewayStatus(
                fields.smallInteger(WireFields.DEVICES, 0, 100_000),
                fields.integer(WireFields.SPOOL_DEPTH, 0, Long.MAX_VALUE),
                fields.choice(WireFields.UPLINK, Uplink::fromWire, "4g, fiber, adsl", RejectReason.OUT_OF_RANGE));
    }
}
