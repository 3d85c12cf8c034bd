#!/bin/sh
# APP_NAME comes from the image's ENV; build-info.txt from its RUN.
echo "Hello from $APP_NAME, running in $(pwd)"
cat build-info.txt
