/**
 * Small pieces every part of the service uses the same way: {@link vn.commune.telemetry.service.support.Backoff}
 * for the delays between attempts and {@link vn.commune.telemetry.service.support.ThrottledLog} for problems that
 * recur. Depends on nothing of the service.
 */
package vn.commune.telemetry.service.support;
