package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.InputStream;

/**
 * Replaces Paho 1.2.5's class of this name, unchanged in behaviour (see {@code package-info}): two byte ranges read
 * as one stream, the first then the second (Paho reads persisted messages, header and payload, through it).
 */
public class MultiByteArrayInputStream extends InputStream {

    private final byte[] bytesA;
    private final int offsetA;
    private final int lengthA;
    private final byte[] bytesB;
    private final int offsetB;
    private final int lengthB;
    private int pos;

    /** Bytes {@code [offsetA, offsetA + lengthA)} of {@code bytesA}, then those of {@code bytesB}. */
    public MultiByteArrayInputStream(byte[] bytesA, int offsetA, int lengthA, byte[] bytesB, int offsetB,
            int lengthB) {
        this.bytesA = bytesA;
        this.offsetA = offsetA;
        this.lengthA = lengthA;
        this.bytesB = bytesB;
        this.offsetB = offsetB;
        this.lengthB = lengthB;
    }

    @Override
    public int read() {
        int result;
        if (pos < lengthA) {
            result = bytesA[offsetA + pos];
        } else if (pos < lengthA + lengthB) {
            result = bytesB[offsetB + pos - lengthA];
        } else {
            return -1;
        }
        pos++;
        return result & 0xff;
    }
}
