package vn.commune.telemetry.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds executables on the PATH (and the sbin folders, which a non-login PATH may lack). */
final class PathLookup {

    private PathLookup() {
    }

    static String find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/local/sbin:/sbin";
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }
}
