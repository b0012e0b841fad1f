package vn.commune.telemetry.service.api;

import java.time.Duration;

/**
 * Settings of the read side: live events, maintenance windows, inventory reloads.
 *
 * @param sseMaxClients         server-sent event streams open at once
 * @param maintenanceRefresh    how often maintenance windows are reloaded from storage (other instances' changes)
 * @param maintenanceMaxWindows windows held in memory
 * @param inventoryWatch        how often the inventory file is checked for changes, or null when not watched
 * @param presentSweep          how often every device's present state is re-evaluated (windows begin and end)
 */
public record ApiSettings(int sseMaxClients, Duration maintenanceRefresh, int maintenanceMaxWindows,
        Duration inventoryWatch, Duration presentSweep) {
}
