# Multi-stage build of telemetry-service (used by compose.yaml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl telemetry-service -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app ct && mkdir -p /app/var && chown ct /app/var
WORKDIR /app
COPY --from=build /src/telemetry-service/target/telemetry-service.jar /app/telemetry-service.jar
COPY config /app/config
USER ct
EXPOSE 8080
# a fixed heap that fits a 2 GB VM shared with InfluxDB (see telemetry-service/README.md, Memory); JAVA_OPTS replaces it
ENV DATA_DIR=/app/var INVENTORY=/app/config/inventory.yaml JAVA_OPTS="-Xmx256m -XX:MaxGCPauseMillis=50"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/telemetry-service.jar /app/config/service.yaml"]
