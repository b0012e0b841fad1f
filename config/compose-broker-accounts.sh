#!/bin/sh
# The one-shot `broker-accounts` service of compose.yaml (docs/broker.md): writes the password and ACL files of the
# district broker and of the commune broker behind gw-pho-lu from the inventory, before the brokers start, on every
# `docker compose up` (new devices get accounts, removed ones lose theirs, the others stay as they were), and gives
# the service, the gateway and the commune's simulator their passwords, each in a file of its own volume.
# Runs as root: Mosquitto (uid 1883) owns its files, the other containers' user ct owns its secret, mode 400.
set -eu
GATEWAY=${GATEWAY_ID:-gw-pho-lu}
accounts() { # accounts BROKER CREDENTIALS NEEDED OPTION...
  broker=$1 credentials=$2 needed=$3; shift 3
  set -- --inventory /app/config/inventory.yaml --password-file "/accounts/$broker/passwd" \
    --acl-file "/accounts/$broker/acl" --credentials-file "$credentials" "$@"
  java -jar /app/telemetry-service.jar broker-accounts "$@"
  # a password these containers need and that is no longer in the provisioning file is issued again
  for account in $needed; do
    grep -q "^$account:" "$credentials" || java -jar /app/telemetry-service.jar broker-accounts "$@" --rotate "$account"
  done
  chown 1883:1883 "/accounts/$broker/passwd" "/accounts/$broker/acl"
}
secret() { # secret CREDENTIALS ACCOUNT FILE
  sed -n "s/^$2://p" "$1" > "$3.new"
  chown ct:ct "$3.new"
  chmod 400 "$3.new"
  mv "$3.new" "$3"
}
accounts district /credentials/district "telemetry-service $GATEWAY" --publisher-account simulator
accounts commune /credentials/commune "$GATEWAY simulator" --commune-broker "$GATEWAY" --publisher-account simulator
secret /credentials/district telemetry-service /secrets/service/mqtt-password
secret /credentials/district "$GATEWAY" /secrets/gateway/district-mqtt-password
secret /credentials/commune "$GATEWAY" /secrets/gateway/local-mqtt-password
secret /credentials/commune simulator /secrets/simulator/mqtt-password
