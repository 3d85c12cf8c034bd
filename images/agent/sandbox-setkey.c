/*
 * sandbox-setkey: dockerd's libnetwork "setkey" prestart hook, without
 * re-running dockerd.
 *
 *   sandbox-setkey libnetwork-setkey [-exec-root=DIR] CONTAINER_ID CONTROLLER_ID
 *
 * (the same arguments dockerd writes into every container's OCI config, so
 * sandbox-crun only swaps the hook's path). Reads the OCI state JSON the
 * runtime gives a hook on stdin, takes the container's "pid", and tells
 * dockerd which network namespace belongs to the container:
 *
 *   connect  DIR/libnetwork/CONTROLLER_ID.sock
 *   send     {"ContainerID":"<id>","Key":"/proc/<pid>/ns/net"}   (one write)
 *   expect   "success"; anything else is dockerd's error text.
 *
 * Why: dockerd 20.10 points the hook at /proc/<dockerd pid>/exe, so every
 * `docker run` starts the whole 55 MB Go binary once more to send ~150 bytes.
 * Under v86 that start is ~283 M guest instructions, about half of a
 * `docker run` (docs/performance.md). This program is a few hundred
 * thousand instructions.
 *
 * Errors go to stderr and exit 1, which makes the runtime fail the container
 * start with this text, as dockerd's own hook would.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define DEFAULT_EXEC_ROOT "/run/docker"
#define STATE_MAX 65536

static void fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "sandbox-setkey: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(1);
}

/* The OCI state is small JSON from the runtime; finding the top-level "pid"
 * key by text is enough (no other field of the state is named "pid"). */
static long state_pid(const char *state)
{
    const char *p = strstr(state, "\"pid\"");
    if (!p)
        return -1;
    p += 5;
    while (isspace((unsigned char)*p))
        p++;
    if (*p++ != ':')
        return -1;
    while (isspace((unsigned char)*p))
        p++;
    char *end;
    long pid = strtol(p, &end, 10);
    return end == p || pid <= 0 ? -1 : pid;
}

static size_t read_all(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    while (n < cap - 1) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    buf[n] = 0;
    return n;
}

int main(int argc, char **argv)
{
    const char *exec_root = DEFAULT_EXEC_ROOT;
    const char *ids[2];
    int nids = 0;

    /* argv[0] is this program, argv[1] dockerd's re-exec name. */
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "-exec-root=", 11) == 0)
            exec_root = argv[i] + 11;
        else if (strncmp(argv[i], "--exec-root=", 12) == 0)
            exec_root = argv[i] + 12;
        else if (nids < 2)
            ids[nids++] = argv[i];
    }
    if (nids < 2)
        fail("%s", "expects CONTAINER_ID and CONTROLLER_ID (the libnetwork-setkey hook arguments)");

    static char state[STATE_MAX];
    read_all(0, state, sizeof state);
    long pid = state_pid(state);
    if (pid < 0)
        fail("no \"pid\" in the OCI state on stdin: %.200s", state);

    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int len = snprintf(addr.sun_path, sizeof addr.sun_path, "%s/libnetwork/%s.sock", exec_root, ids[1]);
    if (len < 0 || (size_t)len >= sizeof addr.sun_path)
        fail("socket path too long under %s", exec_root);

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        fprintf(stderr, "sandbox-setkey: cannot reach dockerd's setkey socket %s: %s\n", addr.sun_path,
                strerror(errno));
        return 1;
    }

    /* dockerd reads the message with a single read of up to 1280 bytes, so
     * it must leave in one write. Container and controller ids are hex. */
    char msg[512];
    len = snprintf(msg, sizeof msg, "{\"ContainerID\":\"%s\",\"Key\":\"/proc/%ld/ns/net\"}\n", ids[0], pid);
    if (len < 0 || (size_t)len >= sizeof msg)
        fail("%s", "container id too long");
    if (write(fd, msg, (size_t)len) != len)
        fail("sending the key to %s failed", addr.sun_path);

    char reply[1024];
    ssize_t r;
    do
        r = read(fd, reply, sizeof reply - 1);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        fail("no answer from %s", addr.sun_path);
    reply[r] = 0;
    if (strcmp(reply, "success") != 0)
        fail("dockerd refused the network key: %s", reply);
    return 0;
}
