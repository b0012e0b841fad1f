/**
 * Storage: the durable path from encoded line protocol to InfluxDB through its portable v1 HTTP API
 * ({@code POST /write?db=&rp=&precision=ms}, {@code /query}, {@code /ping}), served by InfluxDB 1.x, 2.x (v1
 * compatibility, {@code Authorization: Token …}) and 3.
 *
 * <h2>Flow</h2>
 * <pre>
 * write(lines) ─▶ MemoryBudget ─▶ BatchAccumulator ─▶ ready ─┬─▶ BatchDelivery ─▶ InfluxHttpClient ─▶ InfluxDB
 *                 (callers wait    (batchSize,              │    (split on 400/422/413, dead letters)
 *                  when memory      linger)                 └─▶ DiskSpool ◀── SpoolReplayer
 *                  and spool full)                              (group commit)  (oldest first, backoff)
 * </pre>
 * <ul>
 * <li>{@link vn.commune.telemetry.service.storage.InfluxWriter} is the {@link
 * vn.commune.telemetry.service.storage.PointSink}: a caller's Future completes when all its lines are durable —
 * written, appended to the spool and fsynced, or recorded as a dead letter.</li>
 * <li>Write answers are classed as Telegraf does ({@link vn.commune.telemetry.service.storage.WriteOutcome}): 2xx OK;
 * 413 split; 400/422 bad data, split down to the bad lines, which go to the dead-letter file; everything else (no
 * answer, timeout, 5xx, 429, and 401/403/404 configuration faults) retry: the batch goes to the spool and is replayed
 * with exponential backoff ({@code retryMin}…{@code retryMax}) or after the server's {@code Retry-After} (honoured up
 * to ten minutes). Configuration faults log at ERROR once a minute and never dead-letter good data.</li>
 * <li>A request body is the batch's lines encoded as UTF-8 into chunks of 256 KiB, given to the HTTP client one after
 * another ({@link vn.commune.telemetry.service.storage.BodyChunks}, with {@code Content-Length}): never one array of
 * the batch's size, which G1 would allocate as a humongous object (a composite buffer would be merged into one by
 * Netty on its way to the socket).</li>
 * <li>Ordering: once InfluxDB takes writes again, new batches go to it directly while the spool drains beside them.
 * Points are identified by series and timestamp, so a replayed point overwrites only itself.</li>
 * <li>Spool format: segment files {@code segment-<20 digits>.spool} starting with {@code "CTSP"} and version 1, then
 * records framed as length, CRC32, payload (receipt time, lines). A segment is deleted once all its records are
 * written; after a restart a partly replayed segment is replayed from its start (idempotent). A torn or corrupt record
 * ends the valid part of its segment with a WARN; a foreign file is moved aside to {@code *.corrupt}.</li>
 * <li>Dead letters: JSON lines {@code {"ts_received": <epoch ms>, "reason": "<InfluxDB's message>", "line": "…"}};
 * past 64 MiB the file is renamed to {@code <name>.1} and a new one begins.</li>
 * </ul>
 *
 * <h2>Settings ({@link vn.commune.telemetry.service.storage.StorageConfig})</h2>
 * <table>
 * <caption>Storage settings</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>influxUrl</td><td>(mandatory)</td><td>base URL of the v1 API, e.g. {@code http://127.0.0.1:8086}</td></tr>
 * <tr><td>database</td><td>(mandatory)</td><td>database (1.x) or the database mapped to a bucket (2.x, 3)</td></tr>
 * <tr><td>retentionPolicy</td><td>{@code ct_400d}</td><td>written to and created by {@code ensureDatabase}; null
 * writes to the default policy (set null on 2.x/3, where the bucket's retention applies)</td></tr>
 * <tr><td>retention</td><td>{@code P400D}</td><td>duration of that policy</td></tr>
 * <tr><td>token</td><td>none</td><td>sent as {@code Authorization: Token …}; wins over user and password</td></tr>
 * <tr><td>username, password</td><td>none</td><td>sent as {@code u} and {@code p}</td></tr>
 * <tr><td>batchSize</td><td>5000</td><td>points per HTTP write</td></tr>
 * <tr><td>linger</td><td>{@code PT0.1S}</td><td>how long a partly filled batch waits</td></tr>
 * <tr><td>maxInFlight</td><td>2</td><td>HTTP writes at once, live and replay together</td></tr>
 * <tr><td>maxBufferedPoints</td><td>200000</td><td>points in memory before callers wait</td></tr>
 * <tr><td>spoolDir</td><td>{@code <dataDir>/spool}</td><td>on-disk spool</td></tr>
 * <tr><td>spoolMaxBytes</td><td>1 GiB</td><td>bound of the spool</td></tr>
 * <tr><td>deadLetterFile</td><td>{@code <dataDir>/dead-letter.jsonl}</td><td>points rejected as bad data</td></tr>
 * <tr><td>requestTimeout</td><td>{@code PT10S}</td><td>one HTTP request</td></tr>
 * <tr><td>retryMin, retryMax</td><td>{@code PT1S}, {@code PT60S}</td><td>backoff while InfluxDB takes no writes
 * </td></tr>
 * </table>
 *
 * <h2>Metrics ({@link vn.commune.telemetry.service.storage.StorageMetrics#micrometer})</h2>
 * {@code ct.storage.points.written}, {@code ct.storage.write.latency} (outcome ok/retry/split/bad_data),
 * {@code ct.storage.batch.size}, {@code ct.storage.spool.depth} (batches), {@code ct.storage.spool.bytes},
 * {@code ct.storage.dead.letters}, {@code ct.storage.write.retries} (outcome
 * unavailable/throttled/server_error/config),
 * {@code ct.storage.influx.reachable} (0/1), {@code ct.storage.buffered.points}, {@code ct.storage.backpressure} (0/1),
 * {@code ct.storage.backpressure.events}, {@code ct.storage.spool.corrupt}.
 */
package vn.commune.telemetry.service.storage;
