# Runs in the image's root after `apt-get install nginx`.
# Behave like the official image: the default site serves /usr/share/nginx/html
# (Debian's own default is /var/www/html), and logs go to the container's
# stdout/stderr so `docker logs` shows them.
set -eu
grep -q 'Welcome to nginx' /usr/share/nginx/html/index.html
cat >/etc/nginx/sites-available/default <<'CONF'
server {
    listen 80 default_server;
    server_name _;
    root /usr/share/nginx/html;
    index index.html index.htm;
    location / {
        try_files $uri $uri/ =404;
    }
}
CONF
ln -sf /dev/stdout /var/log/nginx/access.log
ln -sf /dev/stderr /var/log/nginx/error.log
