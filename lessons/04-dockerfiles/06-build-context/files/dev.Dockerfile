# The development image: same files, but debug output on.
FROM busybox
WORKDIR /app
COPY . .
ENV APP_DEBUG=1
CMD ["sh", "app.sh"]
