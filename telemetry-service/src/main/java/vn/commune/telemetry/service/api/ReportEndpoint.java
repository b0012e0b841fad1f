package vn.commune.telemetry.service.api;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.LongSupplier;
import vn.commune.telemetry.inventory.Inventory;
import vn.commune.telemetry.inventory.Place;
import vn.commune.telemetry.service.broadcast.BroadcastReport;
import vn.commune.telemetry.service.broadcast.ComplianceService;
import vn.commune.telemetry.service.broadcast.Schedule;
import vn.commune.telemetry.service.inventory.InventoryStore;

/**
 * Reports upward: {@code GET /api/v1/reports/broadcasts.csv?place=&month=YYYY-MM[&style=vi|en]} (broadcast minutes
 * and compliance per commune and village, a spreadsheet) and {@code GET /api/v1/reports/broadcasts.json?place=
 * &month=} (the versioned export of {@code docs/reports.md}). A month is in Vietnam's time; the current month runs to
 * now.
 */
public final class ReportEndpoint {

    private final InventoryStore inventory;
    private final ComplianceService compliance;
    private final LongSupplier clock;

    public ReportEndpoint(InventoryStore inventory, ComplianceService compliance, LongSupplier clock) {
        this.inventory = inventory;
        this.compliance = compliance;
        this.clock = clock;
    }

    public void addRoutes(Router router) {
        router.get("/api/v1/reports/broadcasts.csv").handler(this::csv);
        router.get("/api/v1/reports/broadcasts.json").handler(this::json);
    }

    private void csv(RoutingContext ctx) {
        String styleParam = ctx.request().getParam("style");
        BroadcastReport.CsvStyle style;
        if (styleParam == null || styleParam.equals("vi")) {
            style = BroadcastReport.CsvStyle.VI;
        } else if (styleParam.equals("en")) {
            style = BroadcastReport.CsvStyle.EN;
        } else {
            throw ApiException.badRequest("parameter 'style' must be vi (semicolons, decimal comma) or en (commas, "
                    + "decimal point), got '" + styleParam + "'");
        }
        report(ctx).onSuccess(report -> {
            ctx.response().putHeader("Content-Disposition", "attachment; filename=\"" + fileName(ctx, "csv") + "\"");
            HealthEndpoint.offLoop(ctx, "text/csv; charset=utf-8", () -> report.csv(style));
        });
    }

    private void json(RoutingContext ctx) {
        report(ctx).onSuccess(report -> HealthEndpoint.offLoop(ctx, "application/json; charset=utf-8",
                () -> report.json().encode()));
    }

    private Future<BroadcastReport> report(RoutingContext ctx) {
        Inventory current = inventory.current();
        Place place = Params.place(ctx, current, "place", ctx.request().getParam("place"));
        YearMonth month = month(ctx.request().getParam("month"));
        long now = clock.getAsLong();
        long from = month.atDay(1).atStartOfDay(Schedule.ZONE).toInstant().toEpochMilli();
        long to = month.plusMonths(1).atDay(1).atStartOfDay(Schedule.ZONE).toInstant().toEpochMilli();
        if (from >= now) {
            throw ApiException.badRequest("parameter 'month': " + month + " has not begun");
        }
        Future<ComplianceService.Result> result;
        try {
            result = compliance.compute(place, from, Math.min(to, now));
        } catch (RuntimeException e) {
            result = Future.failedFuture(e);
        }
        return result.map(r -> new BroadcastReport(current, r, month))
                .onFailure(e -> ctx.fail(Params.failure(e)));
    }

    private static YearMonth month(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("parameter 'month' is required: a month such as 2026-11");
        }
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("parameter 'month': not a month such as 2026-11, got '" + value + "'");
        }
    }

    private static String fileName(RoutingContext ctx, String extension) {
        return ("phat-thanh-" + ctx.request().getParam("place") + "-" + ctx.request().getParam("month") + "."
                + extension).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }
}
