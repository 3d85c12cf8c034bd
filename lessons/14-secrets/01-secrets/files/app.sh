#!/bin/sh
# Reads the API token from a file if it is given one, else from $API_TOKEN.
if [ -f /run/secrets/api_token ]; then
  token=$(cat /run/secrets/api_token)
  echo "token from a file: ${#token} characters"
elif [ -n "$API_TOKEN" ]; then
  echo "token from the environment: ${#API_TOKEN} characters"
else
  echo "no token" >&2
  exit 1
fi
