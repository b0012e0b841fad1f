/**
 * Wire protocol v1 of Commune Telemetry: topic names ({@link vn.commune.telemetry.protocol.Topics}), message records
 * ({@link vn.commune.telemetry.protocol.Message} and its kinds), and the JSON codec that validates what devices send
 * ({@link vn.commune.telemetry.protocol.MessageCodec}). No I/O and no framework: plain Java and jackson-databind.
 * The contract itself is documented in {@code docs/protocol.md} at the root of the repository.
 */
package vn.commune.telemetry.protocol;
