# Runs in the image's root after `apt-get install docker-registry`.
# Debian's config points htpasswd auth at a directory (broken) and stores under
# /var/lib/docker-registry. Use the official image's layout instead: no auth
# by default (REGISTRY_AUTH_* environment variables turn htpasswd on), data in
# /var/lib/registry, binary also reachable as `registry`.
set -eu
cat >/etc/docker/registry/config.yml <<'CONF'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
CONF
ln -sf docker-registry /usr/bin/registry
mkdir -p /var/lib/registry
