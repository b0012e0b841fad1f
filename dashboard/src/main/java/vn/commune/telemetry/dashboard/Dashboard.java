package vn.commune.telemetry.dashboard;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web dashboard as telemetry-service serves it. Its files (plain ES modules, CSS, the page) are read from the
 * class path once; each asset is served under a name carrying a hash of its content ({@code app-3f9c2a1b.js}),
 * cached for a year as immutable, with every reference to it (the page's, and the modules' imports of each other)
 * rewritten to that name, so a new version is fetched the moment it changes and never before. The page itself is
 * never cached, and every answer carries a Content-Security-Policy that allows no inline script. The HTTP server
 * compresses them. Any path that is not an asset or the API answers the page (the dashboard routes in the browser).
 */
public final class Dashboard {

    private static final String ROOT = "vn/commune/telemetry/dashboard/web/";
    private static final Pattern IMPORT = Pattern.compile("(from\\s*|import\\s*\\(?\\s*)(['\"])\\./([a-z0-9-]+\\.js)\\2");
    private static final Pattern ASSET_URL = Pattern.compile("(['\"])/assets/([a-z0-9-]+\\.(?:css|svg))\\1");
    private static final Pattern LINK = Pattern.compile("/assets/([a-z0-9-]+\\.(?:js|css|svg))");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "html", "text/html; charset=utf-8");

    /** A file as served: its hashed name and content. */
    private record Asset(String name, String type, Buffer body) {
    }

    private final Map<String, Asset> byHashedName = new HashMap<>();
    private final Map<String, Asset> byName = new LinkedHashMap<>();
    /** The modules being hashed now, to tell an import cycle from a dependency already done. */
    private final java.util.Set<String> hashing = new java.util.HashSet<>();
    private final Buffer page;
    private final String csp;

    private Dashboard(List<String> lines, String tileUrl) {
        Map<String, String> sources = new HashMap<>();
        List<String> files = new java.util.ArrayList<>();
        for (String line : lines) {
            // "name <- class/path/of/a/webjar/file": a library's file served under that name
            int arrow = line.indexOf("<-");
            String file = arrow < 0 ? line : line.substring(0, arrow).trim();
            sources.put(file, arrow < 0 ? read(ROOT + file) : read(line.substring(arrow + 2).trim()));
            files.add(file);
        }
        for (String file : files) {
            if (!file.equals("index.html")) {
                asset(file, sources);
            }
        }
        String html = sources.get("index.html");
        Matcher m = LINK.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Asset asset = byName.get(m.group(1));
            if (asset == null) {
                throw new IllegalStateException("index.html refers to /assets/" + m.group(1) + ", not in files.txt");
            }
            m.appendReplacement(out, Matcher.quoteReplacement("/assets/" + asset.name()));
        }
        m.appendTail(out);
        this.page = Buffer.buffer(out.toString());
        String images = tileUrl == null ? "'self' data:" : "'self' data: " + origin(tileUrl);
        this.csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + images
                + "; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    /** The dashboard of the files listed in {@code web/files.txt}; {@code tileUrl} is a map tile server, or null. */
    public static Dashboard load(String tileUrl) {
        List<String> files = read(ROOT + "files.txt").lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        return new Dashboard(files, tileUrl);
    }

    /** Adds the page and asset routes; call after the API's routes and before the router's last (404) route. */
    public void addRoutes(Router router) {
        router.get("/assets/:file").handler(this::asset);
        router.getWithRegex("/(?!api/|assets/|metrics$|health$|ready$).*").handler(this::page);
    }

    /** The hashed name an asset is served under (for tests and the benchmark). */
    public String hashedName(String file) {
        Asset asset = byName.get(file);
        return asset == null ? null : asset.name();
    }

    private void asset(RoutingContext ctx) {
        Asset asset = byHashedName.get(ctx.pathParam("file"));
        HttpServerResponse response = ctx.response();
        secure(response);
        if (asset == null) {
            // the router's failure handler answers with the API's JSON error
            response.putHeader("Cache-Control", "no-store");
            ctx.fail(404);
            return;
        }
        response.putHeader("Content-Type", asset.type())
                .putHeader("Cache-Control", "public, max-age=31536000, immutable")
                .end(asset.body());
    }

    private void page(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        secure(response);
        response.putHeader("Content-Type", TYPES.get("html"))
                .putHeader("Cache-Control", "no-cache")
                .end(page);
    }

    private void secure(HttpServerResponse response) {
        response.putHeader("Content-Security-Policy", csp)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "same-origin")
                .putHeader("X-Frame-Options", "DENY");
    }

    /** Hashes a file after rewriting its imports to its dependencies' hashed names (dependencies first). */
    private Asset asset(String file, Map<String, String> sources) {
        Asset done = byName.get(file);
        if (done != null) {
            return done;
        }
        if (!hashing.add(file)) {
            throw new IllegalStateException("an import cycle through " + file);
        }
        String text = sources.get(file);
        if (text == null) {
            throw new IllegalStateException(file + " is imported but not in files.txt");
        }
        if (file.endsWith(".js")) {
            Matcher m = IMPORT.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Asset dependency = asset(m.group(3), sources);
                m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "./" + dependency.name()
                        + m.group(2)));
            }
            m.appendTail(out);
            Matcher url = ASSET_URL.matcher(out.toString());
            StringBuilder linked = new StringBuilder();
            while (url.find()) {
                Asset target = asset(url.group(2), sources);
                url.appendReplacement(linked, Matcher.quoteReplacement(url.group(1) + "/assets/" + target.name()
                        + url.group(1)));
            }
            url.appendTail(linked);
            text = linked.toString();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int dot = file.lastIndexOf('.');
        String name = file.substring(0, dot) + "-" + hash(bytes) + file.substring(dot);
        Asset asset = new Asset(name, TYPES.getOrDefault(file.substring(dot + 1), "application/octet-stream"),
                Buffer.buffer(bytes));
        byName.put(file, asset);
        byHashedName.put(name, asset);
        hashing.remove(file);
        return asset;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String origin(String url) {
        java.net.URI uri = java.net.URI.create(url.replace("{", "%7B").replace("}", "%7D"));
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String read(String path) {
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
