# Runs in the image's root after installing python3, pip, Flask and redis-py.
# The sandbox is offline. `pip install -r requirements.txt` naming Flask or
# redis must succeed because they are installed already ("Requirement already
# satisfied"), and anything else must fail at once instead of retrying PyPI.
# Debian marks its Python as externally managed (PEP 668), which would make
# every pip install fail; the official image has no such marker either.
set -eu
rm -f /usr/lib/python3*/EXTERNALLY-MANAGED
cat >/etc/pip.conf <<'CONF'
[global]
# Offline sandbox: only what is installed counts; never wait for a package index.
no-index = true
disable-pip-version-check = true
root-user-action = ignore
CONF
python -c 'import flask, redis'
