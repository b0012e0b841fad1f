/**
 * The broadcast schedule of a commune as the service publishes it, retained, on
 * {@code cmd/commune/{communeId}/schedule}: weekly slots and one-off bulletins with the three priorities of Circular
 * 39/2020/TT-BTTTT, their JSON codec ({@link vn.commune.telemetry.protocol.schedule.ScheduleCodec}) and what a
 * loudspeaker airs at any instant ({@link vn.commune.telemetry.protocol.schedule.ScheduleTimeline}). No I/O.
 */
package vn.commune.telemetry.protocol.schedule;
