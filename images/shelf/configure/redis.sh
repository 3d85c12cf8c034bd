# Runs in the image's root after `apt-get install redis-server`.
# Like the official image: `docker run redis --appendonly yes` passes the flags
# to redis-server, and protected mode is off so that other containers can
# connect (a server without a password otherwise only accepts localhost).
set -eu
mkdir -p /data
cat >/usr/local/bin/docker-entrypoint.sh <<'SH'
#!/bin/sh
set -e
case "${1:-}" in -* | *.conf) set -- redis-server "$@" ;; esac
if [ "${1:-}" = redis-server ]; then
  case " $* " in *" --protected-mode "*) ;; *) set -- "$@" --protected-mode no ;; esac
fi
exec "$@"
SH
chmod 755 /usr/local/bin/docker-entrypoint.sh
