package vn.commune.telemetry.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.service.auth.Passwords;
import vn.commune.telemetry.service.auth.Role;
import vn.commune.telemetry.service.auth.User;
import vn.commune.telemetry.service.auth.UsersFile;
import vn.commune.telemetry.testsupport.InfluxDb;
import vn.commune.telemetry.testsupport.MqttBroker;
import vn.commune.telemetry.testsupport.TestServers;
import vn.commune.telemetry.testsupport.TestServersExtension;

/**
 * Users, roles and places on the real service: each role, logged in with a session, against each family of
 * endpoints (places and devices, figures, alerts, silences and maintenance, schedules, emergencies, users and audit,
 * the inventory), allowed where its role and places say and refused elsewhere; lists cut to the user's places; CSRF on
 * every change; the session cookie's flags; logout; the audit log; login throttling.
 */
@ExtendWith(TestServersExtension.class)
class AccessIT {

    private static final String PASSWORD = "mat-khau-thu-nghiem";
    private static final String GIA_PHU_SPEAKER = "ls-gia-phu-thon-hai-khe";
    private static final String XUAN_QUANG_SPEAKER = "ls-xuan-quang-ban-ta-peng";
    private static final String SCHEDULE = """
            {"slots":[{"id":"sang","days":["mon","tue","wed","thu","fri","sat","sun"],"start":"05:30","end":"06:00",
                       "program":"Bản tin sáng"}]}""";

    /** One row of the matrix: who asks what, and the answer expected. */
    private record Case(String family, String user, String method, String path, String body, int expected) {
    }

    private static List<Case> cases() {
        String silence = "{\"device\":\"%s\",\"reason\":\"thay ampli\"}";
        String emergency = "{\"commune\":\"%s\",\"program\":\"Cảnh báo lũ\",\"duration\":\"PT10M\"}";
        return List.of(
                new Case("places", "binh", "GET", "/api/v1/places/gia-phu", null, 200),
                new Case("places", "binh", "GET", "/api/v1/places/xuan-quang", null, 403),
                new Case("places", "nam", "GET", "/api/v1/places/xuan-quang", null, 200),
                new Case("places", "nam", "GET", "/api/v1/places/gia-phu", null, 403),
                new Case("places", "thu", "GET", "/api/v1/places/bao-thang", null, 403),
                new Case("places", "admin", "GET", "/api/v1/places/bao-thang", null, 200),
                new Case("devices", "binh", "GET", "/api/v1/devices/" + GIA_PHU_SPEAKER, null, 200),
                new Case("devices", "binh", "GET", "/api/v1/devices/" + XUAN_QUANG_SPEAKER, null, 403),
                new Case("devices", "hoa", "GET", "/api/v1/devices?place=xuan-quang", null, 403),
                new Case("devices", "binh", "GET", "/api/v1/devices/unregistered", null, 403),
                new Case("devices", "admin", "GET", "/api/v1/devices/unregistered", null, 200),
                new Case("figures", "binh", "GET", "/api/v1/uptime?place=gia-phu", null, 200),
                new Case("figures", "binh", "GET", "/api/v1/uptime?place=xuan-quang", null, 403),
                new Case("figures", "hoa", "GET", "/api/v1/coverage?place=gia-phu&kind=loudspeaker", null, 200),
                new Case("figures", "hoa", "GET", "/api/v1/coverage?place=bao-thang&kind=loudspeaker", null, 403),
                new Case("figures", "nam", "GET", "/api/v1/broadcasts/compliance?place=gia-phu", null, 403),
                new Case("alerts", "binh", "GET", "/api/v1/alerts", null, 200),
                new Case("alerts", "hoa", "GET", "/api/v1/alerts?place=xuan-quang", null, 403),
                new Case("operate", "binh", "POST", "/api/v1/silences", silence.formatted(GIA_PHU_SPEAKER), 201),
                new Case("operate", "binh", "POST", "/api/v1/silences", silence.formatted(XUAN_QUANG_SPEAKER), 403),
                new Case("operate", "hoa", "POST", "/api/v1/silences", silence.formatted(GIA_PHU_SPEAKER), 403),
                new Case("operate", "thu", "POST", "/api/v1/silences", silence.formatted(XUAN_QUANG_SPEAKER), 201),
                new Case("operate", "binh", "POST", "/api/v1/maintenance", silence.formatted(GIA_PHU_SPEAKER), 201),
                new Case("operate", "nam", "POST", "/api/v1/maintenance", silence.formatted(XUAN_QUANG_SPEAKER), 403),
                new Case("schedules", "hoa", "PUT", "/api/v1/schedules/gia-phu", SCHEDULE, 201),
                new Case("schedules", "nam", "PUT", "/api/v1/schedules/gia-phu", SCHEDULE, 403),
                new Case("schedules", "binh", "PUT", "/api/v1/schedules/gia-phu", SCHEDULE, 403),
                new Case("schedules", "thu", "PUT", "/api/v1/schedules/xuan-quang", SCHEDULE, 201),
                new Case("schedules", "nam", "POST", "/api/v1/schedules/xuan-quang/approve", "{\"version\":1}", 403),
                new Case("schedules", "thu", "POST", "/api/v1/schedules/xuan-quang/approve", "{\"version\":1}", 403),
                new Case("schedules", "hoa", "POST", "/api/v1/schedules/gia-phu/approve", "{\"version\":1}", 200),
                new Case("emergency", "binh", "POST", "/api/v1/broadcasts/emergency", emergency.formatted("gia-phu"),
                        403),
                new Case("emergency", "nam", "POST", "/api/v1/broadcasts/emergency",
                        emergency.formatted("xuan-quang"), 403),
                new Case("admin", "admin", "GET", "/api/v1/users", null, 200),
                new Case("admin", "thu", "GET", "/api/v1/users", null, 403),
                new Case("admin", "admin", "GET", "/api/v1/audit", null, 200),
                new Case("admin", "binh", "GET", "/api/v1/audit", null, 403),
                new Case("inventory", "thu", "POST", "/api/v1/inventory/reload", null, 403),
                new Case("inventory", "admin", "POST", "/api/v1/inventory/reload", null, 200));
    }

    /** Verifies the matrix, the lists cut to a user's places, CSRF, cookies, logout, audit and throttling. */
    @Test
    void rolesAndPlaces(InfluxDb influx, @TempDir Path tmp) throws Exception {
        Passwords passwords = new Passwords();
        String hash = passwords.hash(PASSWORD);
        Path usersFile = tmp.resolve("users.yaml");
        UsersFile.write(usersFile, List.of(
                new User("admin", "Quản trị", Role.ADMIN, List.of(), false, hash),
                new User("thu", "Phạm Thu", Role.STAFF, List.of("xuan-quang"), false, hash),
                new User("binh", "Nguyễn Văn Bình", Role.TECHNICIAN, List.of("gia-phu"), false, hash),
                new User("hoa", "Trần Thị Hoa", Role.OFFICIAL, List.of("gia-phu"), true, hash),
                new User("nam", "Lê Văn Nam", Role.OFFICIAL, List.of("xuan-quang"), false, hash)));
        Inventory inventory = ServiceHarness.sampleInventory();
        // its own broker: the schedules approved here stay retained, and other tests' communes must not see them
        try (MqttBroker broker = TestServers.newBroker();
                ServiceHarness service = new ServiceHarness(broker, influx, tmp)
                        .env("USERS_FILE", usersFile.toString()).start().awaitStateReady()) {
            Map<String, WebSession> sessions = new HashMap<>();
            for (String user : List.of("admin", "thu", "binh", "hoa", "nam")) {
                WebSession session = new WebSession(service);
                HttpResponse<String> login = session.login(user, PASSWORD);
                assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
                sessions.put(user, session);
            }
            HttpResponse<String> hoaLogin = new WebSession(service).login("hoa", PASSWORD);
            assertThat(new JsonObject(hoaLogin.body()).getJsonObject("user")).isEqualTo(new JsonObject()
                    .put("username", "hoa").put("name", "Trần Thị Hoa").put("role", "official").put("approver", true)
                    .put("places", new JsonArray().add("gia-phu")));
            String cookie = hoaLogin.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith("ct_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict")
                    .doesNotContain("Secure");

            SoftAssertions soft = new SoftAssertions();
            for (Case c : cases()) {
                WebSession session = sessions.get(c.user());
                HttpResponse<String> answer = c.method().equals("GET") ? session.get(c.path())
                        : session.send(c.method(), c.path(), c.body());
                soft.assertThat(answer.statusCode()).as("%s: %s %s %s -> %s", c.family(), c.user(), c.method(),
                        c.path(), answer.body()).isEqualTo(c.expected());
                if (answer.statusCode() >= 400) {
                    soft.assertThat(new JsonObject(answer.body()).getString("error")).as(c.path()).isNotBlank();
                }
            }
            soft.assertAll();

            // lists are cut to the user's places
            JsonObject devices = new JsonObject(sessions.get("binh").get("/api/v1/devices?limit=100000").body());
            assertThat(devices.getInteger("total")).isEqualTo(inventory.devicesUnder("gia-phu").size());
            JsonObject roots = new JsonObject(sessions.get("binh").get("/api/v1/places").body());
            assertThat(roots.getJsonArray("places").getJsonObject(0).getString("id")).isEqualTo("gia-phu");
            assertThat(roots.getJsonArray("places")).hasSize(1);
            JsonObject silences = new JsonObject(sessions.get("binh").get("/api/v1/silences").body());
            assertThat(silences.getJsonArray("windows")).hasSize(1);
            assertThat(silences.getJsonArray("windows").getJsonObject(0).getString("declared_by"))
                    .isEqualTo("binh");
            assertThat(new JsonObject(sessions.get("admin").get("/api/v1/silences").body())
                    .getJsonArray("windows")).hasSize(2);

            // a change without the session's CSRF token is refused, and so is a request without a session
            HttpResponse<String> forged = sessions.get("binh").sendWithoutCsrf("POST", "/api/v1/silences",
                    "{\"device\":\"" + GIA_PHU_SPEAKER + "\",\"reason\":\"giả mạo\"}");
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(new JsonObject(forged.body()).getString("error")).isEqualTo("csrf");
            assertThat(new WebSession(service).get("/api/v1/devices").statusCode()).isEqualTo(401);

            // logging out ends the session
            WebSession nam = sessions.get("nam");
            assertThat(nam.send("DELETE", "/api/v1/session", null).statusCode()).isEqualTo(204);
            assertThat(nam.get("/api/v1/session").statusCode()).isEqualTo(401);

            // the audit log has the changes and the logins, with who and the outcome
            JsonArray audit = new JsonObject(sessions.get("admin").get("/api/v1/audit").body())
                    .getJsonArray("entries");
            assertThat(audit.stream().map(JsonObject.class::cast).toList())
                    .anySatisfy(e -> assertThat(e.getString("user") + " " + e.getString("method") + " "
                            + e.getString("path") + " " + e.getInteger("status"))
                            .isEqualTo("binh POST /api/v1/silences 201"))
                    .anySatisfy(e -> assertThat(e.getString("user") + " " + e.getString("method") + " "
                            + e.getInteger("status")).isEqualTo("hoa LOGIN 200"))
                    .anySatisfy(e -> assertThat(e.getString("user") + " " + e.getString("path") + " "
                            + e.getInteger("status")).isEqualTo("binh /api/v1/silences 403"));

            // wrong passwords: refused alike for a wrong password and an unknown user, then throttled
            WebSession guesser = new WebSession(service);
            assertThat(guesser.login("binh", "sai-mat-khau").statusCode()).isEqualTo(401);
            assertThat(guesser.login("khong-co", "sai-mat-khau").body())
                    .isEqualTo(guesser.login("binh", "sai-mat-khau").body());
            for (int i = 0; i < 2; i++) {
                assertThat(guesser.login("binh", "sai-mat-khau").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> throttled = guesser.login("binh", PASSWORD);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        }
    }
}
