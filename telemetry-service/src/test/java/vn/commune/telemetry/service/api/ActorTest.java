package vn.commune.telemetry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.InventoryReader;
import vn.commune.telemetry.service.auth.Role;

/** What each role may do, and where: the rules every endpoint applies. */
class ActorTest {

    private static final Inventory INVENTORY = read();

    private static Inventory read() {
        try {
            return InventoryReader.read(Path.of("..", "config", "inventory.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Verifies schedules: officials edit their commune, approvers approve it, staff of the district both. */
    @Test
    void schedules() {
        Actor admin = Actor.API_TOKEN;
        Actor official = new Actor("hoa", "Trần Thị Hoa", Role.OFFICIAL, false, Set.of("gia-phu"));
        Actor approver = new Actor("nam", "Lê Văn Nam", Role.OFFICIAL, true, Set.of("gia-phu"));
        Actor staff = new Actor("thu", "Phạm Thu", Role.STAFF, false, Set.of("bao-thang"));
        Actor staffApprover = new Actor("lan", "Lê Lan", Role.STAFF, true, Set.of());
        Actor technician = new Actor("binh", "Bình", Role.TECHNICIAN, false, Set.of("gia-phu"));

        assertThat(admin.canEditSchedule(INVENTORY, "gia-phu")).isTrue();
        assertThat(admin.canApproveSchedule(INVENTORY, "xuan-quang")).isTrue();
        assertThat(official.canEditSchedule(INVENTORY, "gia-phu")).isTrue();
        assertThat(official.canApproveSchedule(INVENTORY, "gia-phu")).isFalse();
        assertThat(official.canEditSchedule(INVENTORY, "xuan-quang")).isFalse();
        assertThat(approver.canApproveSchedule(INVENTORY, "gia-phu")).isTrue();
        assertThat(approver.canIssueEmergency(INVENTORY, "gia-phu")).isTrue();
        assertThat(approver.canApproveSchedule(INVENTORY, "xuan-quang")).isFalse();
        // staff of the district: every commune below it, approving only with the flag
        assertThat(staff.canEditSchedule(INVENTORY, "xuan-quang")).isTrue();
        assertThat(staff.canApproveSchedule(INVENTORY, "xuan-quang")).isFalse();
        assertThat(staffApprover.canApproveSchedule(INVENTORY, "xuan-quang")).isTrue();
        assertThat(technician.canEditSchedule(INVENTORY, "gia-phu")).isFalse();
    }

    /** Verifies the fleet: technicians and staff operate where they act, officials only look. */
    @Test
    void fleet() {
        Actor technician = new Actor("binh", "Bình", Role.TECHNICIAN, false, Set.of("gia-phu"));
        Actor official = new Actor("hoa", "Hoa", Role.OFFICIAL, true, Set.of("gia-phu"));
        Actor staff = new Actor("thu", "Thu", Role.STAFF, false, Set.of());

        assertThat(technician.covers(INVENTORY, "gia-phu-thon-hai-khe")).isTrue();
        assertThat(technician.covers(INVENTORY, "xuan-quang")).isFalse();
        assertThat(technician.covers(INVENTORY, "bao-thang")).as("above their commune").isFalse();
        assertThat(technician.canOperate(INVENTORY, "gia-phu-thon-hai-khe")).isTrue();
        assertThat(technician.canOperate(INVENTORY, "xuan-quang")).isFalse();
        assertThat(official.covers(INVENTORY, "gia-phu")).isTrue();
        assertThat(official.canOperate(INVENTORY, "gia-phu")).isFalse();
        assertThat(staff.canOperate(INVENTORY, "xuan-quang")).isTrue();
        assertThat(staff.canAdminister()).isTrue();
        assertThat(staff.isAdmin()).isFalse();
        assertThat(technician.canAdminister()).isFalse();
        assertThat(Actor.API_TOKEN.isAdmin()).isTrue();
    }
}
