#!/usr/bin/env bash
# Commune Telemetry: a private CA and one server certificate signed by it, for a pilot (docs/tls.md).
#
#   config/tls/pilot-certs.sh OUT_DIR NAME_OR_IP [NAME_OR_IP...]
#
# Writes, in OUT_DIR (created with mode 0700 if missing):
#   ca.pem          the CA certificate: what clients trust (mqtt.tls.ca-file, MQTT_TLS_CA, browsers, mosquitto cafile)
#   ca-key.pem      the CA's private key (0600): keep it off the servers; it signs the next server certificate
#   server.pem      the server certificate, with every NAME_OR_IP as a subjectAltName (DNS or IP)
#   server-key.pem  the server's private key (0600)
# The first NAME_OR_IP is also the certificate's common name. Keys are ECDSA P-256 in PKCS#8 PEM; the CA is valid
# for 10 years (CA_DAYS), the server certificate for 398 days (SERVER_DAYS), the most browsers accept.
# An existing CA in OUT_DIR is reused, so re-running renews the server certificate under the same CA (clients keep
# trusting it); the server key is new each time. Needs the openssl command (Debian package openssl).
set -euo pipefail

if [ $# -lt 2 ]; then
  sed -n '4,5p' "$0" >&2
  exit 64
fi
command -v openssl >/dev/null || { echo "pilot-certs: needs openssl (apt-get install -y openssl)" >&2; exit 69; }

out=$1; shift
ca_days=${CA_DAYS:-3650}
server_days=${SERVER_DAYS:-398}
mkdir -p "$out"
chmod 700 "$out"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

san=()
for name in "$@"; do
  if [[ $name =~ ^[0-9]+(\.[0-9]+){3}$ || $name == *:* ]]; then
    san+=("IP:$name")
  elif [[ $name =~ ^[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]]; then
    san+=("DNS:$name")
  else
    echo "pilot-certs: '$name' is neither a host name nor an IP address" >&2
    exit 65
  fi
done
san_list=$(IFS=,; echo "${san[*]}")

if [ ! -f "$out/ca.pem" ] || [ ! -f "$out/ca-key.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/ca-key.pem"
  openssl req -x509 -new -key "$out/ca-key.pem" -sha256 -days "$ca_days" \
    -subj "/O=Commune Telemetry pilot/CN=Commune Telemetry pilot CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$out/ca.pem"
fi

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/server-key.pem"
openssl req -new -key "$work/server-key.pem" -subj "/O=Commune Telemetry pilot/CN=$1" -out "$work/server.csr"
cat > "$work/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=$san_list
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
openssl x509 -req -in "$work/server.csr" -CA "$out/ca.pem" -CAkey "$out/ca-key.pem" -CAcreateserial \
  -CAserial "$work/ca.srl" -sha256 -days "$server_days" -extfile "$work/server.ext" -out "$work/server.pem" 2>/dev/null
mv "$work/server-key.pem" "$out/server-key.pem"
mv "$work/server.pem" "$out/server.pem"
chmod 600 "$out/ca-key.pem" "$out/server-key.pem"
chmod 644 "$out/ca.pem" "$out/server.pem"
echo "pilot-certs: $out/server.pem for $san_list, signed by $out/ca.pem (valid $server_days days)"
