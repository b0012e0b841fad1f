package vn.commune.telemetry.protocol.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The wire spelling of days of the week ({@code MON} ... {@code SUN}) and local times ({@code HH:mm[:ss]}). */
final class WireTime {

    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");

    private WireTime() {
    }

    static String day(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    static Optional<DayOfWeek> parseDay(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day(day).equals(text)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /** {@code HH:mm}, or {@code HH:mm:ss} when the seconds are not zero; fractions of a second are dropped. */
    static String time(LocalTime time) {
        return time.getSecond() == 0
                ? String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute())
                : String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    }

    static Optional<LocalTime> parseTime(String text) {
        if (text == null || !TIME.matcher(text).matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(text.substring(0, 2));
        int minute = Integer.parseInt(text.substring(3, 5));
        int second = text.length() > 5 ? Integer.parseInt(text.substring(6, 8)) : 0;
        return Optional.of(LocalTime.of(hour, minute, second));
    }
}
