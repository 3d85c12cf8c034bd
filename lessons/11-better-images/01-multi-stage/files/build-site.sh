#!/bin/sh
# Turns each .txt page into an HTML page: the first line is the title.
set -e
mkdir -p /out
for page in /src/site/*.txt; do
  name=$(basename "$page" .txt)
  title=$(head -n 1 "$page")
  {
    echo "<!doctype html><title>$title</title><h1>$title</h1>"
    tail -n +2 "$page" | sed 's|.*|<p>&</p>|'
  } > "/out/$name.html"
done
echo "built $(ls /out | wc -l) pages"
