package vn.commune.telemetry.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboard's files: every string in both languages, every file listed, nothing parsed as HTML. */
class DashboardFilesTest {

    private static final Path WEB = Path.of("src/main/resources/vn/commune/telemetry/dashboard/web");

    private static String read(String file) throws IOException {
        return Files.readString(WEB.resolve(file), StandardCharsets.UTF_8);
    }

    /** Verifies that each string of i18n.js has a Vietnamese and an English text, neither empty. */
    @Test
    void everyStringInBothLanguages() throws IOException {
        String source = read("i18n.js");
        Matcher entry = Pattern.compile("'([a-zA-Z0-9_.]+)':\\s*\\[\\s*'((?:[^'\\\\]|\\\\.)*)',\\s*'((?:[^'\\\\]|\\\\.)*)'"
                + ",?\\s*\\]", Pattern.DOTALL).matcher(source);
        int count = 0;
        while (entry.find()) {
            count++;
            assertThat(entry.group(2)).as("vi of " + entry.group(1)).isNotBlank();
            assertThat(entry.group(3)).as("en of " + entry.group(1)).isNotBlank();
            List<String> viVars = vars(entry.group(2));
            assertThat(vars(entry.group(3))).as("the same {values} in " + entry.group(1))
                    .containsExactlyInAnyOrderElementsOf(viVars);
        }
        long keys = Pattern.compile("^\\s*'[a-zA-Z0-9_.]+':", Pattern.MULTILINE).matcher(source).results().count();
        assertThat(count).isEqualTo(keys).isGreaterThan(30);
    }

    private static List<String> vars(String text) {
        return Pattern.compile("\\{(\\w+)\\}").matcher(text).results().map(r -> r.group(1)).toList();
    }

    /**
     * Verifies that every file of the folder is listed in files.txt and that no module writes HTML from text
     * (innerHTML, outerHTML, insertAdjacentHTML, document.write) or uses eval.
     */
    @Test
    void listedAndNeverHtmlFromText() throws IOException {
        List<String> listed = read("files.txt").lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.contains("<-")).toList();
        try (Stream<Path> files = Files.list(WEB)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.equals("files.txt")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
        for (String file : listed) {
            if (file.endsWith(".js")) {
                assertThat(read(file)).as(file).doesNotContain("innerHTML").doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write")
                        .doesNotContain("eval(").doesNotContain("new Function");
            }
        }
        assertThat(read("index.html")).doesNotContain("<script>").doesNotContain("style=").doesNotContain("onload");
    }

    /** Verifies the hashed names: assets load, and each name carries a hash of what it serves. */
    @Test
    void hashedNames() {
        Dashboard dashboard = Dashboard.load(null);
        assertThat(dashboard.hashedName("app.js")).matches("app-[0-9a-f]{12}\\.js");
        assertThat(dashboard.hashedName("style.css")).matches("style-[0-9a-f]{12}\\.css");
        assertThat(dashboard.hashedName("index.html")).isNull();
    }
}
