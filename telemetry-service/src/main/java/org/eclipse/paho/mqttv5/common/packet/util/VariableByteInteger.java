package org.eclipse.paho.mqttv5.common.packet.util;

/**
 * Replaces Paho 1.2.5's class of this name, unchanged in behaviour (see {@code package-info}): a decoded MQTT
 * variable byte integer and how many bytes encoded it (-1 when not decoded).
 */
public class VariableByteInteger {

    private final int value;
    private final int length;

    /** A value not read from the wire. */
    public VariableByteInteger(int value) {
        this(value, -1);
    }

    /** A value read from {@code length} bytes. */
    public VariableByteInteger(int value, int length) {
        this.value = value;
        this.length = length;
    }

    /** How many bytes encoded it, -1 when it was not decoded. */
    public int getEncodedLength() {
        return length;
    }

    public int getValue() {
        return value;
    }
}
