#!/bin/bash
# Runs once, after InfluxDB 2.x initial setup (docker-entrypoint-initdb.d): maps the v1 database and retention
# policy the service writes to (/write?db=commune_telemetry&rp=ct_400d) onto the bucket.
set -euo pipefail
bucket_id=$(influx bucket list --org "$DOCKER_INFLUXDB_INIT_ORG" --name "$DOCKER_INFLUXDB_INIT_BUCKET" \
  --token "$DOCKER_INFLUXDB_INIT_ADMIN_TOKEN" --hide-headers | cut -f1)
influx v1 dbrp create --org "$DOCKER_INFLUXDB_INIT_ORG" --token "$DOCKER_INFLUXDB_INIT_ADMIN_TOKEN" \
  --bucket-id "$bucket_id" --db commune_telemetry --rp ct_400d --default
