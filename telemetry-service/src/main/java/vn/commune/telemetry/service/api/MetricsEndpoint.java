package vn.commune.telemetry.service.api;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /metrics}: the registry in Prometheus text format. As the Prometheus client libraries' exporters do,
 * {@code name[]} (repeatable) limits the answer to the metrics named, so that a frequent reader of one figure (a
 * benchmark polling a counter, a health probe) does not format every meter on each request: {@code
 * /metrics?name[]=ct_storage_points_written_total}. A name is one in the text, with its suffix ({@code _total},
 * {@code _count}, {@code _sum}, {@code _bucket}) or without: the registry filters by the name of the metric family,
 * which has none.
 */
public final class MetricsEndpoint implements Handler<RoutingContext> {

    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final List<String> SAMPLE_SUFFIXES = List.of("_total", "_count", "_sum", "_bucket");

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<String> names = ctx.queryParam("name[]");
        String text = names.isEmpty() ? registry.scrape(TEXT_FORMAT) : registry.scrape(TEXT_FORMAT, families(names));
        ctx.response().putHeader("Content-Type", TEXT_FORMAT).end(text);
    }

    /** The names asked for, and each without the suffix of a sample, if it has one. */
    static Set<String> families(List<String> names) {
        Set<String> families = new HashSet<>(names);
        for (String name : names) {
            for (String suffix : SAMPLE_SUFFIXES) {
                if (name.endsWith(suffix) && name.length() > suffix.length()) {
                    families.add(name.substring(0, name.length() - suffix.length()));
                }
            }
        }
        return families;
    }
}
