package vn.commune.telemetry.simulator.fault;

import java.util.Objects;
import vn.commune.telemetry.protocol.DeviceKind;

/**
 * What a fault hits: a device, a place (every device at it and below), a commune, or one picked at random (the same
 * one for the same seed) among the devices of a kind, the villages or the communes.
 *
 * @param scope what {@code id} names, or what to pick from
 * @param id    the device, place or commune id; null for the random scopes
 * @param kind  for {@link Scope#RANDOM_DEVICE}: the kind to pick from, null for any
 */
public record FaultTarget(Scope scope, String id, DeviceKind kind) {

    /** What a target names. */
    public enum Scope {
        /** One device. */
        DEVICE,
        /** A place and everything below it. */
        PLACE,
        /** A commune (a place at the commune level). */
        COMMUNE,
        /** A device picked at random, of {@code kind} when given. */
        RANDOM_DEVICE,
        /** A village (leaf place) picked at random. */
        RANDOM_VILLAGE,
        /** A commune picked at random. */
        RANDOM_COMMUNE
    }

    /** Checks that the id is given exactly for the scopes that name one. */
    public FaultTarget {
        Objects.requireNonNull(scope, "scope");
        boolean named = scope == Scope.DEVICE || scope == Scope.PLACE || scope == Scope.COMMUNE;
        if (named != (id != null)) {
            throw new IllegalArgumentException(named ? scope + " target needs an id" : scope + " target has no id");
        }
    }

    /** One device. */
    public static FaultTarget device(String id) {
        return new FaultTarget(Scope.DEVICE, id, null);
    }

    /** A place and every device at it or below it. */
    public static FaultTarget place(String id) {
        return new FaultTarget(Scope.PLACE, id, null);
    }

    /** A commune. */
    public static FaultTarget commune(String id) {
        return new FaultTarget(Scope.COMMUNE, id, null);
    }

    /** A device picked at random, of this kind (null: any kind). */
    public static FaultTarget randomDevice(DeviceKind kind) {
        return new FaultTarget(Scope.RANDOM_DEVICE, null, kind);
    }

    /** A village picked at random. */
    public static FaultTarget randomVillage() {
        return new FaultTarget(Scope.RANDOM_VILLAGE, null, null);
    }

    /** A commune picked at random. */
    public static FaultTarget randomCommune() {
        return new FaultTarget(Scope.RANDOM_COMMUNE, null, null);
    }
}
