#!/bin/sh
echo "app running from /app, which holds:"
ls -A /app
if [ -n "$APP_DEBUG" ]; then echo "debug mode is on"; fi
