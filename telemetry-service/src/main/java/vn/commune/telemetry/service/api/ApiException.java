package vn.commune.telemetry.service.api;

import io.vertx.core.json.JsonArray;

/** A failure with the HTTP status and error code the client should see. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final JsonArray problems;

    public ApiException(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    /** With every problem found ({@code [{"path": …, "message": …}]}), for a body that breaks several rules. */
    public ApiException(int status, String error, String detail, JsonArray problems) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
        this.problems = problems;
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", detail);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad_request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not_found", detail);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    /** Every problem found, or null. */
    public JsonArray problems() {
        return problems;
    }
}
