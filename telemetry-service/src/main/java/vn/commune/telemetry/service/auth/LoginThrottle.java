package vn.commune.telemetry.service.auth;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows password guessing, per username and per address: after {@value #FREE} failed logins within {@value
 * #WINDOW_MIN} minutes, the next attempt waits a minute, doubling with each further failure up to {@value #MAX_MIN}
 * minutes. A success clears the username's count (not the address's: one good password does not open the door to
 * guessing others). Kept in memory; runs on the event loop.
 */
public final class LoginThrottle {

    static final int FREE = 5;
    static final int WINDOW_MIN = 15;
    static final int MAX_MIN = 15;
    private static final long MINUTE = 60_000;
    private static final int MAX_KEYS = 100_000;

    private static final class Failures {
        int count;
        long first;
        long last;
    }

    private final LongSupplier clock;
    private final Map<String, Failures> failures = new HashMap<>();

    public LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** How long (ms) a login for this username from this address must wait; 0 when it may go ahead. */
    public long waitMillis(String username, String address) {
        long now = clock.getAsLong();
        return Math.max(wait(failures.get("u:" + username), now), wait(failures.get("a:" + address), now));
    }

    /** Records a failed login. */
    public void failed(String username, String address) {
        long now = clock.getAsLong();
        if (failures.size() > MAX_KEYS) {
            prune(now);
        }
        record("u:" + username, now);
        record("a:" + address, now);
    }

    /** Records a successful login. */
    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private void record(String key, long now) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        if (f.count > 0 && now - f.last > WINDOW_MIN * MINUTE) {
            f.count = 0;
        }
        if (f.count == 0) {
            f.first = now;
        }
        f.count++;
        f.last = now;
    }

    private static long wait(Failures f, long now) {
        if (f == null || f.count < FREE || now - f.last > WINDOW_MIN * MINUTE) {
            return 0;
        }
        long lock = Math.min(MAX_MIN * MINUTE, MINUTE << Math.min(10, f.count - FREE));
        return Math.max(0, f.last + lock - now);
    }

    private void prune(long now) {
        Iterator<Failures> it = failures.values().iterator();
        while (it.hasNext()) {
            if (now - it.next().last > WINDOW_MIN * MINUTE) {
                it.remove();
            }
        }
    }
}
