package vn.commune.telemetry.simulator.fleet;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the run's seed and a name (a device id, a place id, a
 * purpose), so that what one device does never depends on how many other devices there are or in which order they
 * were created.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A random stream for {@code key} (for example a device id) and {@code purpose} (for example "behaviour"). */
    public static SplittableRandom stream(long seed, String key, String purpose) {
        return new SplittableRandom(mix(mix(seed, hash(key)), hash(purpose)));
    }

    /** A random stream for a numbered thing (a fault window, a fault instance) and a purpose. */
    public static SplittableRandom stream(long seed, long number, String purpose) {
        return new SplittableRandom(mix(mix(seed, number), hash(purpose)));
    }

    /** SplitMix64 of the pair: a well-mixed 64-bit value. */
    public static long mix(long a, long b) {
        long z = a + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: stable across JVMs, unlike {@link String#hashCode()} mixing. */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A uniform value in {@code [min, max]}. */
    public static double uniform(SplittableRandom random, double min, double max) {
        return max <= min ? min : min + random.nextDouble() * (max - min);
    }

    /** A uniform duration in milliseconds in {@code [min, max]}. */
    public static long uniformMillis(SplittableRandom random, long min, long max) {
        return max <= min ? min : min + random.nextLong(max - min + 1);
    }

    /** A normally distributed value (Box-Muller, one draw pair per call). */
    public static double gaussian(SplittableRandom random, double mean, double deviation) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return mean + deviation * Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A Poisson-distributed count of mean {@code lambda} (Knuth; fine for the small means used here). */
    public static int poisson(SplittableRandom random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = Math.exp(-Math.min(lambda, 500));
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
