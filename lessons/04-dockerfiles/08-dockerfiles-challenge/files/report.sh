#!/bin/sh
# Prints a report line: which report, for whom, and where it runs.
echo "Report ${REPORT_NAME:-unnamed} by $(id -un) in $(pwd)"
