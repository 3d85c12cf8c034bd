#!/bin/sh
# Start-up script of a small (pretend) app. Like many real ones, it writes
# its own log file instead of printing details to the terminal.
mkdir -p /var/log/app
log() { echo "$(date '+%H:%M:%S') $*" >>/var/log/app/startup.log; }

log "starting"
if [ ! -f /app/config/app.conf ]; then
  log "error: /app/config/app.conf is missing"
  echo "startup failed, details in /var/log/app/startup.log" >&2
  exit 78
fi
. /app/config/app.conf
log "config loaded"
echo "Hello from $APP_NAME: ready."
