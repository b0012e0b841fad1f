package vn.commune.telemetry.protocol.schedule;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.commune.telemetry.protocol.RejectReason;
import vn.commune.telemetry.protocol.Topics;

/** The rules a schedule must follow, checked on what is encoded and on what is decoded alike. */
final class ScheduleRules {

    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final int MAX_TIMEZONE_LENGTH = 64;
    private static final Instant LATEST = Instant.ofEpochMilli(ScheduleCodec.MAX_EPOCH_MILLIS);

    private ScheduleRules() {
    }

    /** Throws the first problem found, naming its field. */
    static void check(CommuneSchedule schedule) {
        if (schedule.v() != 1) {
            throw new ScheduleProblem(RejectReason.UNSUPPORTED_VERSION,
                    "v: version " + schedule.v() + " is not supported, only 1");
        }
        if (!Topics.isValidCommuneId(schedule.communeId())) {
            throw outOfRange("commune", "must be 1 to 64 of A-Z a-z 0-9 _ -, starting with a letter or digit");
        }
        if (schedule.version() < 0) {
            throw outOfRange("version", schedule.version() + " is below 0");
        }
        checkZone(schedule.timezone());
        checkSlots(schedule.slots());
        checkBulletins(schedule.bulletins());
    }

    private static void checkZone(String timezone) {
        if (timezone.length() > MAX_TIMEZONE_LENGTH) {
            throw outOfRange("timezone", "longer than " + MAX_TIMEZONE_LENGTH + " characters");
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw outOfRange("timezone", "not a known time zone id (for example Asia/Ho_Chi_Minh)");
        }
    }

    private static void checkSlots(List<ScheduleSlot> slots) {
        if (slots.size() > ScheduleCodec.MAX_SLOTS) {
            throw outOfRange("slots", slots.size() + " slots, more than " + ScheduleCodec.MAX_SLOTS);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            String field = "slots[" + i + "]";
            ScheduleSlot slot = slots.get(i);
            if (slot == null) {
                throw new ScheduleProblem(RejectReason.WRONG_TYPE, field + ": expected an object, got null");
            }
            checkId(field, slot.id(), ids);
            if (slot.days().isEmpty()) {
                throw outOfRange(field + ".days", "at least one day is required");
            }
            require(field + ".start", slot.start());
            require(field + ".end", slot.end());
            if (!slot.nextDay() && !slot.end().isAfter(slot.start())) {
                throw outOfRange(field + ".end", "must be after start (a slot across midnight has next_day)");
            }
            if (slot.nextDay() && slot.end().isAfter(slot.start())) {
                throw outOfRange(field + ".end", "with next_day, must not be after start (at most 24 hours)");
            }
            checkProgram(field, slot.program());
        }
    }

    private static void checkBulletins(List<Bulletin> bulletins) {
        if (bulletins.size() > ScheduleCodec.MAX_BULLETINS) {
            throw outOfRange("bulletins", bulletins.size() + " bulletins, more than " + ScheduleCodec.MAX_BULLETINS);
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < bulletins.size(); i++) {
            String field = "bulletins[" + i + "]";
            Bulletin bulletin = bulletins.get(i);
            if (bulletin == null) {
                throw new ScheduleProblem(RejectReason.WRONG_TYPE, field + ": expected an object, got null");
            }
            checkId(field, bulletin.id(), ids);
            require(field + ".priority", bulletin.priority());
            require(field + ".start", bulletin.start());
            require(field + ".end", bulletin.end());
            checkInstant(field + ".start", bulletin.start());
            checkInstant(field + ".end", bulletin.end());
            if (!bulletin.end().isAfter(bulletin.start())) {
                throw outOfRange(field + ".end", "must be after start");
            }
            checkProgram(field, bulletin.program());
            Set<String> devices = new HashSet<>();
            for (int d = 0; d < bulletin.devices().size(); d++) {
                String device = bulletin.devices().get(d);
                String deviceField = field + ".devices[" + d + "]";
                require(deviceField, device);
                if (!Topics.isValidDeviceId(device)) {
                    throw outOfRange(deviceField, "not a device id (1 to 64 of A-Z a-z 0-9 _ -)");
                }
                if (!devices.add(device)) {
                    throw outOfRange(deviceField, "'" + device + "' is listed twice");
                }
            }
        }
    }

    private static void checkInstant(String field, Instant instant) {
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw outOfRange(field, "outside 1970 to 9999");
        }
    }

    private static void checkId(String field, String id, Set<String> seen) {
        require(field + ".id", id);
        if (!ITEM_ID.matcher(id).matches()) {
            throw outOfRange(field + ".id", "must be 1 to 64 of A-Z a-z 0-9 _ -, starting with a letter or digit");
        }
        if (!seen.add(id)) {
            throw outOfRange(field + ".id", "'" + id + "' is used twice");
        }
    }

    private static void checkProgram(String field, String program) {
        require(field + ".program", program);
        int length = program.codePointCount(0, program.length());
        if (length == 0 || length > ScheduleCodec.MAX_STRING_LENGTH) {
            throw outOfRange(field + ".program", "must be 1 to " + ScheduleCodec.MAX_STRING_LENGTH
                    + " characters, got " + length);
        }
    }

    private static void require(String field, Object value) {
        if (value == null) {
            throw new ScheduleProblem(RejectReason.MISSING_FIELD, field + ": required");
        }
    }

    private static ScheduleProblem outOfRange(String field, String problem) {
        return new ScheduleProblem(RejectReason.OUT_OF_RANGE, field + ": " + problem);
    }
}
