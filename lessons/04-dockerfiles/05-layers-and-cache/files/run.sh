#!/bin/sh
echo "app v1 with $(ls vendor | wc -l) packages"
