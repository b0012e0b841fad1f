package vn.commune.telemetry.inventory;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plausible Vietnamese place names for generated fleets, and the ASCII slugs used as their ids.
 *
 * <p>Lowland names are two Sino-Vietnamese syllables ("Yên Bình", "Thôn Tân Lập"); highland names use syllables of
 * Tày, Nùng, Mông and Dao place names as they are written in Vietnamese ("Nậm Tang", "Bản Cốc Sâm").
 */
final class PlaceNames {

    private static final List<String> LOWLAND_FIRST = List.of("An", "Bình", "Cẩm", "Đại", "Đông", "Đồng", "Gia",
            "Hòa", "Hồng", "Hưng", "Hợp", "Kim", "Lạc", "Long", "Minh", "Nghĩa", "Ngọc", "Phú", "Phúc", "Quang",
            "Tân", "Thanh", "Thái", "Thịnh", "Thượng", "Trung", "Việt", "Vĩnh", "Xuân", "Yên");
    private static final List<String> LOWLAND_SECOND = List.of("An", "Bình", "Đức", "Hà", "Hải", "Hiệp", "Hòa",
            "Hưng", "Khê", "Lâm", "Lập", "Lộc", "Lợi", "Long", "Minh", "Phong", "Phú", "Phúc", "Quang", "Sơn", "Tân",
            "Thành", "Thắng", "Thịnh", "Tiến", "Trung", "Tuyến", "Vinh", "Xuân", "Yên");
    private static final List<String> HIGHLAND_FIRST = List.of("Cốc", "Khe", "Khuổi", "Làng", "Lùng", "Lũng",
            "Mường", "Na", "Nà", "Nậm", "Pá", "Pác", "Phìn", "Séo", "Sín", "Tả");
    private static final List<String> HIGHLAND_SECOND = List.of("Bó", "Cang", "Chải", "Chản", "Chom", "Giàng", "Hồ",
            "Khoang", "Lầu", "Luông", "Mạ", "Mụ", "Múi", "Ngần", "Pản", "Pèng", "Phùng", "Sâm", "Tang", "Thàng",
            "Vai", "Xay");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_SLUG = Pattern.compile("[^a-z0-9]+");

    private PlaceNames() {
    }

    /** A commune or district name: mostly lowland, sometimes highland. */
    static String area(Random random) {
        return random.nextInt(4) == 0 ? highland(random) : lowland(random);
    }

    /** A village name not in {@code taken}: "Thôn …" or "Bản …"; falls back to a numbered "Thôn". */
    static String village(Random random, Set<String> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int style = random.nextInt(20);
            String name;
            if (style < 12) {
                name = "Thôn " + lowland(random);
            } else if (style < 17) {
                name = "Bản " + highland(random);
            } else {
                name = "Thôn " + highland(random);
            }
            if (!taken.contains(name)) {
                return name;
            }
        }
        for (int number = 1; ; number++) {
            String name = "Thôn " + number;
            if (!taken.contains(name)) {
                return name;
            }
        }
    }

    /** The name of the n-th (1-based) residential group of a town. */
    static String townQuarter(int number) {
        return "Tổ dân phố số " + number;
    }

    private static String lowland(Random random) {
        String first = pick(LOWLAND_FIRST, random);
        String second = pick(LOWLAND_SECOND, random);
        while (second.equals(first)) {
            second = pick(LOWLAND_SECOND, random);
        }
        return first + " " + second;
    }

    private static String highland(Random random) {
        return pick(HIGHLAND_FIRST, random) + " " + pick(HIGHLAND_SECOND, random);
    }

    private static String pick(List<String> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    /** "Thôn Hải Khê" becomes "thôn Hải Khê", for use inside a sentence-like device name. */
    static String lowerFirst(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }

    /** The ASCII slug of a Vietnamese name: "Thôn Hải Khê" becomes "thon-hai-khe", "Đồng Lục" "dong-luc". */
    static String slug(String name) {
        String ascii = name.replace('đ', 'd').replace('Đ', 'D');
        ascii = MARKS.matcher(Normalizer.normalize(ascii, Normalizer.Form.NFD)).replaceAll("");
        String slug = NON_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = stripDashes(slug);
        return slug.isEmpty() ? "place" : slug;
    }

    static String stripDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
