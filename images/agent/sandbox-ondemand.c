/*
 * sandbox-ondemand: start a TCP service on its first connection.
 *
 *   sandbox-ondemand LISTEN_PORT BACKEND_PORT [--registry-ping] -- COMMAND [ARG...]
 *
 * Listens on 127.0.0.1:LISTEN_PORT. The first connection starts COMMAND,
 * which must listen on 127.0.0.1:BACKEND_PORT; that connection and every later
 * one are relayed to the backend by a forked child. If the backend exits, the
 * next connection starts it again. SIGTERM stops the backend, then the gate.
 *
 * Why: the image shelf's registry mirror is a Go program with ~23 MiB
 * resident. Running it from boot puts ~4 MiB (compressed) into the ready
 * snapshot that every visitor downloads, for a service only `docker pull`
 * after `docker rmi` needs. This gate costs a few hundred KiB instead, and the
 * first pull pays the mirror's start-up (a few seconds) once.
 *
 * --registry-ping: while the backend (a Docker registry) is still starting,
 * answer the registry API's version check (`GET /v2/`) here. dockerd checks
 * a mirror with a 15 s limit and then falls back to Docker Hub, which the
 * sandbox cannot reach: on a slow or busy machine the registry took longer
 * than that to start, and the first `docker pull` failed with "dial tcp
 * ...:443: connection refused". Every later request (manifests, blobs) waits
 * for the real registry, with no time limit on dockerd's side.
 *
 * Static i386 C like sandbox-agent: no libc surprises in the guest, no
 * runtime to load.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Under emulation the registry needs a few seconds to listen; be generous. */
#define BACKEND_START_TIMEOUT_MS 120000

static pid_t backend_pid;
static char **backend_argv;
static volatile sig_atomic_t stopping;

static void on_term(int sig)
{
    (void)sig;
    stopping = 1;
}

static void die(const char *what)
{
    fprintf(stderr, "sandbox-ondemand: %s: %s\n", what, strerror(errno));
    exit(1);
}

static struct sockaddr_in loopback(int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/* Forget relay children and notice a backend that exited. */
static void reap(void)
{
    pid_t pid;
    while ((pid = waitpid(-1, NULL, WNOHANG)) > 0)
        if (pid == backend_pid) {
            fprintf(stderr, "sandbox-ondemand: %s exited; the next connection starts it again\n",
                    backend_argv[0]);
            backend_pid = 0;
        }
}

static void start_backend(void)
{
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        signal(SIGTERM, SIG_DFL);
        execvp(backend_argv[0], backend_argv);
        fprintf(stderr, "sandbox-ondemand: cannot run %s: %s\n", backend_argv[0], strerror(errno));
        _exit(127);
    }
    backend_pid = pid;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Connect to the backend, retrying while it starts up. */
static int connect_backend(int port)
{
    struct sockaddr_in a = loopback(port);
    long deadline = now_ms() + BACKEND_START_TIMEOUT_MS;
    for (;;) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0)
            return fd;
        close(fd);
        if (now_ms() > deadline)
            return -1;
        usleep(50000);
    }
}

static int backend_listening(int port)
{
    struct sockaddr_in a = loopback(port);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    int ok = connect(fd, (struct sockaddr *)&a, sizeof a) == 0;
    close(fd);
    return ok;
}

/*
 * If the client's request is the registry version check, answer it as the
 * registry would and return 1. Anything else is left unread (MSG_PEEK) for
 * the relay.
 */
static int answer_registry_ping(int client)
{
    static const char ping[] = "GET /v2/ HTTP/1.";
    static const char answer[] = "HTTP/1.1 200 OK\r\n"
                                 "Content-Type: application/json; charset=utf-8\r\n"
                                 "Docker-Distribution-Api-Version: registry/2.0\r\n"
                                 "Content-Length: 2\r\n"
                                 "Connection: close\r\n\r\n{}";
    char head[4096];
    struct pollfd p = {client, POLLIN, 0};
    if (poll(&p, 1, 10000) <= 0)
        return 0;
    ssize_t n = recv(client, head, sizeof ping - 1, MSG_PEEK);
    if (n != (ssize_t)(sizeof ping - 1) || memcmp(head, ping, sizeof ping - 1) != 0)
        return 0;
    /* Read the request up to its blank line (a GET has no body). */
    size_t have = 0;
    while (have < sizeof head - 1) {
        if (poll(&p, 1, 10000) <= 0)
            return 0;
        ssize_t r = read(client, head + have, sizeof head - 1 - have);
        if (r <= 0)
            return 0;
        have += (size_t)r;
        head[have] = 0;
        if (strstr(head, "\r\n\r\n"))
            break;
    }
    if (write(client, answer, sizeof answer - 1) < 0)
        return 0;
    return 1;
}

/* Copy both ways until both sides have closed, passing half-closes on. */
static void relay(int client, int backend)
{
    int fds[2] = {client, backend};
    int open_in[2] = {1, 1};
    char buf[65536];
    while (open_in[0] || open_in[1]) {
        struct pollfd p[2] = {{fds[0], open_in[0] ? POLLIN : 0, 0},
                              {fds[1], open_in[1] ? POLLIN : 0, 0}};
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        for (int i = 0; i < 2; i++) {
            if (!open_in[i] || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = read(fds[i], buf, sizeof buf);
            if (n <= 0) {
                open_in[i] = 0;
                shutdown(fds[1 - i], SHUT_WR);
                continue;
            }
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(fds[1 - i], buf + off, (size_t)(n - off));
                if (w <= 0)
                    return;
                off += w;
            }
        }
    }
}

int main(int argc, char **argv)
{
    int registry_ping = argc > 3 && strcmp(argv[3], "--registry-ping") == 0;
    int sep = 3 + registry_ping;
    if (argc < sep + 2 || strcmp(argv[sep], "--") != 0) {
        fprintf(stderr,
                "usage: sandbox-ondemand LISTEN_PORT BACKEND_PORT [--registry-ping] -- COMMAND [ARG...]\n");
        return 2;
    }
    int listen_port = atoi(argv[1]), backend_port = atoi(argv[2]);
    backend_argv = argv + sep + 1;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term; /* no SA_RESTART: accept() must return on SIGTERM */
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0)
        die("socket");
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = loopback(listen_port);
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) < 0)
        die("bind");
    if (listen(lfd, 64) < 0)
        die("listen");

    while (!stopping) {
        int cfd = accept(lfd, NULL, NULL);
        reap();
        if (cfd < 0)
            continue; /* EINTR from SIGTERM/SIGCHLD: the loop condition decides */
        if (!backend_pid)
            start_backend();
        pid_t pid = fork();
        if (pid == 0) {
            close(lfd);
            signal(SIGTERM, SIG_DFL);
            if (registry_ping && !backend_listening(backend_port) && answer_registry_ping(cfd))
                _exit(0);
            int bfd = connect_backend(backend_port);
            if (bfd < 0) {
                fprintf(stderr, "sandbox-ondemand: %s did not listen on port %d\n", backend_argv[0],
                        backend_port);
                _exit(1);
            }
            relay(cfd, bfd);
            _exit(0);
        }
        close(cfd);
    }
    if (backend_pid) {
        kill(backend_pid, SIGTERM);
        waitpid(backend_pid, NULL, 0);
    }
    return 0;
}
