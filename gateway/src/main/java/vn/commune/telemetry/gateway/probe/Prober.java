package vn.commune.telemetry.gateway.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs one probe, blocking for at most its timeout. Answers whether the device is up, and why not. */
public final class Prober {

    /** The outcome of a probe. */
    public record Result(boolean up, String detail) {
        static Result ok() {
            return new Result(true, "ok");
        }

        static Result down(String why) {
            return new Result(false, why);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public Result probe(ProbeSpec spec) {
        try {
            return switch (spec.type()) {
                case TCP -> tcp(spec);
                case HTTP -> http(spec);
                case RTSP -> rtsp(spec);
                case PING -> ping(spec);
            };
        } catch (IOException e) {
            return Result.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted");
        }
    }

    private static InetSocketAddress address(String target, int defaultPort) {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(target, defaultPort);
        }
        return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }

    private static Result tcp(ProbeSpec spec) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address(spec.target(), 80), (int) spec.timeout().toMillis());
            return Result.ok();
        }
    }

    private Result http(ProbeSpec spec) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(spec.target())).timeout(spec.timeout()).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            return Result.down("HTTP " + response.statusCode());
        }
        if (spec.jsonField() == null) {
            return Result.ok();
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return Result.down("body is not JSON");
        }
        JsonNode field = body == null ? null : body.get(spec.jsonField());
        if (field == null || field.isContainerNode()) {
            return Result.down(spec.jsonField() + " missing");
        }
        String value = field.asText();
        return value.equals(spec.jsonEquals()) ? Result.ok()
                : Result.down(spec.jsonField() + " is '" + truncate(value) + "'");
    }

    private static Result rtsp(ProbeSpec spec) throws IOException {
        InetSocketAddress address = address(spec.target(), 554);
        try (Socket socket = new Socket()) {
            int timeout = (int) spec.timeout().toMillis();
            socket.connect(address, timeout);
            socket.setSoTimeout(timeout);
            String request = "OPTIONS rtsp://" + address.getHostString() + ":" + address.getPort()
                    + "/ RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: commune-gateway\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = readLine(socket.getInputStream());
            if (status.startsWith("RTSP/1.0 200")) {
                return Result.ok();
            }
            return Result.down("RTSP answered '" + truncate(status) + "'");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            int b = in.read();
            if (b < 0 || b == '\n') {
                break;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static Result ping(ProbeSpec spec) throws IOException {
        InetAddress address = InetAddress.getByName(spec.target());
        // isReachable sends ICMP echo when the JVM is allowed to, otherwise tries TCP port 7
        boolean reachable = address.isReachable((int) spec.timeout().toMillis());
        return reachable ? Result.ok() : Result.down("no answer to ping");
    }

    private static String truncate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 32 ? printable.substring(0, 32) : printable;
    }
}
