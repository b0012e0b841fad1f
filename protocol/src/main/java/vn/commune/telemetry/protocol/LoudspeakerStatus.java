package vn.commune.telemetry.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Status fields of a loudspeaker cluster. Every component is optional on the wire and null when absent.
 *
 * @param playing    playing a programme now ({@code playing})
 * @param program    name of the programme playing or last played, at most 256 characters ({@code program})
 * @param volumePct  output volume, percent, 0..100 ({@code volume_pct})
 * @param ampOk      amplifier healthy ({@code amp_ok})
 * @param hornsOk    working horns, 0..64 and at most {@code hornsTotal} ({@code horns_ok})
 * @param hornsTotal installed horns, 0..64 ({@code horns_total})
 */
public record LoudspeakerStatus(Boolean playing, String program, Integer volumePct, Boolean ampOk, Integer hornsOk,
        Integer hornsTotal) implements KindStatus {

    @Override
    public DeviceKind kind() {
        return DeviceKind.LOUDSPEAKER;
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        WireValues.put(out, WireFields.PLAYING, playing);
        WireValues.put(out, WireFields.PROGRAM, program);
        WireValues.put(out, WireFields.VOLUME_PCT, volumePct);
        WireValues.put(out, WireFields.AMP_OK, ampOk);
        WireValues.put(out, WireFields.HORNS_OK, hornsOk);
        WireValues.put(out, WireFields.HORNS_TOTAL, hornsTotal);
        return Collections.unmodifiableMap(out);
    }
}
