package vn.commune.telemetry.service.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may edit and approve a commune's schedule. */
class ActorTest {

    /** Verifies that staff do both everywhere, officials edit their commune, approvers approve theirs. */
    @Test
    void rolesAndCommunes() {
        Actor staff = Actor.API_TOKEN;
        Actor official = new Actor("Trần Thị Hoa", Set.of(Actor.Role.OFFICIAL), Set.of("gia-phu"));
        Actor approver = new Actor("Lê Văn Nam", Set.of(Actor.Role.APPROVER), Set.of("gia-phu"));
        Actor both = new Actor("Phạm Thu", Set.of(Actor.Role.OFFICIAL, Actor.Role.APPROVER), Set.of("xuan-quang"));

        assertThat(staff.canEditSchedule("gia-phu")).isTrue();
        assertThat(staff.canApproveSchedule("xuan-quang")).isTrue();
        assertThat(official.canEditSchedule("gia-phu")).isTrue();
        assertThat(official.canApproveSchedule("gia-phu")).isFalse();
        assertThat(official.canEditSchedule("xuan-quang")).isFalse();
        assertThat(approver.canApproveSchedule("gia-phu")).isTrue();
        assertThat(approver.canEditSchedule("gia-phu")).isFalse();
        assertThat(approver.canApproveSchedule("xuan-quang")).isFalse();
        assertThat(both.canEditSchedule("xuan-quang")).isTrue();
        assertThat(both.canApproveSchedule("xuan-quang")).isTrue();
        assertThat(both.canApproveSchedule("gia-phu")).isFalse();
    }
}
