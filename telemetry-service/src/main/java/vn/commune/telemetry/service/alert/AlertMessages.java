package vn.commune.telemetry.service.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.commune.telemetry.inventory.Device;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.protocol.DeviceKind;
import vn.commune.telemetry.protocol.StatusMessage;

/**
 * The words of a notification, in Vietnamese (the default) or English: what happened, to which device, where
 * (its places by name, nearest first, whatever the levels are called), since when (24-hour clock, dd/MM/yyyy, Vietnam's
 * time).
 */
public final class AlertMessages {

    /** Vietnam's time, the time of every message. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy").withZone(ZONE);

    private AlertMessages() {
    }

    /**
     * The headline of an alert's notification of {@code kind} ({@code firing} or {@code resolved}); {@code count} is
     * "offline/total" for a commune alert, the changes in the window for a flapping alert.
     */
    public static String text(Alert alert, String kind, Inventory inventory, AlertRule rule, String language,
            String count) {
        boolean vi = !"en".equals(language);
        if (alert.type().perCommune()) {
            return communeText(alert, kind, inventory, vi, count);
        }
        Device device = inventory.device(alert.deviceId()).orElse(null);
        String what = device == null ? alert.deviceId() : kindName(device.kind(), vi) + " " + device.id()
                + (device.name() == null ? "" : " (" + device.name() + ")");
        String where = device == null ? "" : " — " + places(inventory, device.placeId());
        String condition = condition(alert.type(), rule == null ? null : rule.level(), vi)
                + (alert.type() == RuleType.FLAPPING && count != null && "firing".equals(kind)
                        ? (vi ? " (" + count + " lần đổi trạng thái)" : " (" + count + " changes)") : "");
        String since = WHEN.format(Instant.ofEpochMilli(alert.since()));
        if ("resolved".equals(kind)) {
            String at = alert.resolvedAt() == null ? "" : WHEN.format(Instant.ofEpochMilli(alert.resolvedAt()));
            if (alert.type() == RuleType.BROADCAST_MISSED) {
                return vi ? "ĐÃ KHẮC PHỤC: " + what + where + ": đã phát đúng lịch trở lại (ghi nhận lúc " + at
                        + "; bỏ lỡ từ " + since + ")"
                        : "RESOLVED: " + what + where + ": played as scheduled again (noticed at " + at
                                + "; missed since " + since + ")";
            }
            if (alert.type() == RuleType.OFFLINE || alert.type() == RuleType.GATEWAY_UNREACHABLE) {
                return vi ? "ĐÃ KHẮC PHỤC: " + what + where + ": đã kết nối lại lúc " + at + " (mất kết nối từ "
                        + since + ")"
                        : "RESOLVED: " + what + where + ": back online at " + at + " (offline since " + since + ")";
            }
            return vi ? "ĐÃ KHẮC PHỤC: " + what + where + ": hết " + condition + " lúc " + at + " (từ " + since + ")"
                    : "RESOLVED: " + what + where + ": no longer " + condition + " at " + at + " (since " + since
                            + ")";
        }
        String severity = severity(alert.severity(), vi);
        return vi ? severity + ": " + what + where + ": " + condition + " từ " + since
                : severity + ": " + what + where + ": " + condition + " since " + since;
    }

    private static String communeText(Alert alert, String kind, Inventory inventory, boolean vi, String count) {
        String where = places(inventory, alert.deviceId());
        String since = WHEN.format(Instant.ofEpochMilli(alert.since()));
        if ("resolved".equals(kind)) {
            String at = alert.resolvedAt() == null ? "" : WHEN.format(Instant.ofEpochMilli(alert.resolvedAt()));
            return vi ? "ĐÃ KHẮC PHỤC: " + where + ": các thiết bị đã kết nối lại lúc " + at + " (" + count
                    + " thiết bị mất kết nối, từ " + since + ")"
                    : "RESOLVED: " + where + ": devices back at " + at + " (" + count + " offline, since " + since
                            + ")";
        }
        return vi ? severity(alert.severity(), vi) + ": " + count + " thiết bị mất kết nối cùng lúc ở " + where
                + " từ " + since
                : severity(alert.severity(), vi) + ": " + count + " devices offline together in " + where + " since "
                        + since;
    }

    private static String places(Inventory inventory, String placeId) {
        List<String> names = new ArrayList<>();
        List<Place> chain = inventory.ancestors(placeId);
        for (int i = chain.size() - 1; i >= 0 && names.size() < 3; i--) {
            names.add(chain.get(i).name());
        }
        return String.join(", ", names);
    }

    private static String kindName(DeviceKind kind, boolean vi) {
        return switch (kind) {
            case LOUDSPEAKER -> vi ? "Cụm loa" : "Loudspeaker";
            case WIFI -> vi ? "Điểm Wi-Fi" : "Wi-Fi point";
            case CAMERA -> vi ? "Camera" : "Camera";
            case GATEWAY -> vi ? "Gateway" : "Gateway";
        };
    }

    private static String severity(Severity severity, boolean vi) {
        return switch (severity) {
            case CRITICAL -> vi ? "NGHIÊM TRỌNG" : "CRITICAL";
            case WARNING -> vi ? "CẢNH BÁO" : "WARNING";
            case INFO -> vi ? "THÔNG TIN" : "INFO";
        };
    }

    private static String condition(RuleType type, Double level, boolean vi) {
        String value = level == null ? "" : level % 1 == 0 ? String.valueOf(level.longValue())
                : String.format(vi ? new Locale("vi") : Locale.ROOT, "%.1f", level);
        return switch (type) {
            case OFFLINE -> vi ? "mất kết nối" : "offline";
            case GATEWAY_UNREACHABLE -> vi ? "mất kết nối (các thiết bị phía sau không liên lạc được)"
                    : "unreachable (the devices behind it are cut off)";
            case ON_BATTERY -> vi ? "chạy pin (mất điện lưới)" : "on battery (mains lost)";
            case BATTERY_BELOW -> vi ? "pin dưới " + value + " %" : "battery below " + value + " %";
            case TEMPERATURE_ABOVE -> vi ? "nhiệt độ trên " + value + " °C" : "temperature above " + value + " °C";
            case NOT_RECORDING -> vi ? "không ghi hình" : "not recording";
            case STORAGE_ABOVE -> vi ? "bộ nhớ trên " + value + " %" : "storage above " + value + " %";
            case SIGNAL_BELOW -> vi ? "sóng yếu (RSRP dưới " + value + " dBm)" : "weak signal (RSRP below " + value
                    + " dBm)";
            case COMMUNE_DOWN -> vi ? "nhiều thiết bị mất kết nối" : "many devices offline";
            case BROADCAST_MISSED -> vi ? "bỏ lỡ chương trình phát thanh theo lịch" : "missed a scheduled broadcast";
            case FLAPPING -> vi ? "chập chờn, mất kết nối rồi kết nối lại liên tục" : "flapping, offline and back "
                    + "again and again";
        };
    }

    /** The headline of a message carrying {@code count} notices of one group. */
    public static String groupHeadline(String kind, Severity severity, int count, String title, boolean vi) {
        return switch (kind) {
            case "resolved" -> vi ? "ĐÃ KHẮC PHỤC: " + count + " cảnh báo " + title
                    : "RESOLVED: " + count + " alerts " + title;
            case "escalated" -> vi ? "CHUYỂN CẤP: " + count + " cảnh báo chưa ai nhận xử lý: " + title
                    : "ESCALATED: " + count + " alerts nobody has taken on: " + title;
            default -> vi ? severity(severity, true) + ": " + count + " cảnh báo " + title
                    : severity(severity, false) + ": " + count + " alerts " + title;
        };
    }

    /** The headline of a digest of {@code count} notices. */
    public static String digestHeadline(int count, boolean vi) {
        return vi ? "TÓM TẮT: " + count + " thông báo cảnh báo (gộp lại vì quá nhiều trong một phút)"
                : "DIGEST: " + count + " alert notifications (held back: too many within a minute)";
    }

    /** What ends a message cut short. */
    public static String andMore(int count, boolean vi) {
        return vi ? "… và " + count + " cảnh báo khác (xem bảng điều khiển)" : "… and " + count
                + " more alerts (see the dashboard)";
    }

    /** The headline of an escalation: the firing headline, said to be unacknowledged for so long. */
    public static String escalated(String firing, Duration after, boolean vi) {
        long minutes = Math.max(1, after.toMinutes());
        return vi ? "CHUYỂN CẤP (chưa ai nhận xử lý sau " + minutes + " phút): " + firing
                : "ESCALATED (not acknowledged after " + minutes + " min): " + firing;
    }

    /** What a group of alerts of {@code type} in a place is, for the headline of a message of several. */
    public static String groupTitle(RuleType type, Double level, Inventory inventory, String placeId, boolean vi) {
        String where = placeId == null ? "" : places(inventory, placeId);
        String what = condition(type, level, vi);
        return where.isEmpty() ? what : what + (vi ? " ở " : " in ") + where;
    }

    /** The device's last values, as a technician reads them ("pin 45 %, 38 °C, RSRP -101 dBm lúc 14:03"), or null. */
    public static String lastValues(StatusMessage status, boolean vi) {
        if (status == null) {
            return null;
        }
        Map<String, Object> fields = status.fields();
        List<String> parts = new ArrayList<>();
        if (fields.get("power") instanceof String power) {
            parts.add(switch (power) {
                case "mains" -> vi ? "điện lưới" : "mains";
                case "battery" -> vi ? "chạy pin" : "on battery";
                default -> power;
            });
        }
        if (fields.get("battery_pct") instanceof Number battery) {
            parts.add((vi ? "pin " : "battery ") + number(battery, vi) + " %");
        }
        if (fields.get("temp_c") instanceof Number temp) {
            parts.add(number(temp, vi) + " °C");
        }
        if (fields.get("rsrp_dbm") instanceof Number rsrp) {
            parts.add("RSRP " + number(rsrp, vi) + " dBm");
        }
        if (Boolean.FALSE.equals(fields.get("amp_ok"))) {
            parts.add(vi ? "lỗi ampli" : "amplifier fault");
        }
        if (fields.get("horns_ok") instanceof Number horns) {
            parts.add((vi ? "loa còn tốt: " : "horns working: ") + number(horns, vi));
        }
        if (fields.get("storage_used_pct") instanceof Number storage) {
            parts.add((vi ? "bộ nhớ " : "storage ") + number(storage, vi) + " %");
        }
        if (fields.get("recording") instanceof Boolean recording) {
            parts.add(recording ? (vi ? "đang ghi hình" : "recording") : (vi ? "không ghi hình" : "not recording"));
        }
        if (parts.isEmpty()) {
            return null;
        }
        return String.join(", ", parts) + (vi ? " lúc " : " at ") + WHEN.format(Instant.ofEpochMilli(status.ts()));
    }

    private static String number(Number value, boolean vi) {
        double d = value.doubleValue();
        if (d % 1 == 0) {
            return String.valueOf((long) d);
        }
        String text = String.format(Locale.ROOT, "%.1f", d);
        return vi ? text.replace('.', ',') : text;
    }
}
