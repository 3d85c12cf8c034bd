#!/bin/sh
echo "worker started as $(id -un)"
