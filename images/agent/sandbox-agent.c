/*
 * sandbox-agent: the guest end of the host<->guest control channel.
 *
 * Started once by the guest's init after dockerd answers (so its start-up cost
 * is paid before the ready snapshot is saved). It speaks a small framed,
 * binary-safe protocol on a virtio-console port (/dev/hvc1) and multiplexes
 * any number of channels over it:
 *
 *   EXEC  run `sh -c CMD sh ARGS...` with piped stdin/stdout/stderr
 *   PTY   run a login shell (or CMD) on a pseudo-terminal (learner terminals)
 *   UNIX  a byte stream to a Unix socket (the Docker Engine API)
 *
 * Frame (both directions), little-endian:
 *   'S' 'X' type:u8 flags:u8 channel:u32 length:u32 payload[length]
 *
 * Flow control: v86 drops host->guest bytes when the guest has no receive
 * buffer posted, so the agent reports every byte it consumed from the port with
 * a CREDIT frame and the host never has more than a small window in flight.
 * The protocol is documented in docs/control-channel.md; the host side lives in
 * src/runtime/control/.
 *
 * Single-threaded: one poll() loop, SIGCHLD through a signalfd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define AGENT_VERSION "sandbox-agent 1"
#define MAX_PAYLOAD (1u << 20)
#define MAX_CHANNELS 256
#define IO_CHUNK 4096
/* Input the agent holds for a terminal whose program does not read it (a big
 * paste into a busy terminal). Beyond this the agent drops further input for
 * that terminal rather than grow until realloc fails and the agent dies.
 * EXEC stdin and socket input are never dropped: the host sends a finite
 * amount and every byte matters (a workspace restore pipes a tar archive
 * into a command that may start reading only later). */
#define MAX_PENDING (1u << 20)

enum {
    /* host -> guest */
    T_HELLO = 0x01,
    T_EXEC = 0x10,
    T_PTY = 0x11,
    T_UNIX = 0x12,
    T_INPUT = 0x20,
    T_SIGNAL = 0x21,
    T_RESIZE = 0x22,
    T_CLOSE = 0x23,
    /* guest -> host */
    T_READY = 0x01,
    T_STDOUT = 0x30,
    T_STDERR = 0x31,
    T_EXIT = 0x32,
    T_ERROR = 0x33,
    T_CREDIT = 0x34,
    T_OPENED = 0x35,
};

enum kind { K_EXEC, K_PTY, K_UNIX };

struct buf {
    uint8_t *data;
    size_t len, cap;
};

struct channel {
    int used;
    uint32_t id;
    enum kind kind;
    pid_t pid;
    int in_fd;   /* where INPUT bytes go: stdin pipe, pty master or socket */
    int out_fd;  /* stdout pipe, pty master or socket; -1 when closed */
    int err_fd;  /* stderr pipe; -1 when closed or absent */
    struct buf pending; /* INPUT bytes not yet accepted by in_fd */
    int eof_requested;  /* close in_fd once pending is flushed */
    int input_dropped;  /* input beyond MAX_PENDING was discarded (logged once) */
    int exited;
    int status;
};

/* The control port: /dev/hvc1 in the guest (both ends), or stdin/stdout
 * with the path "-" (the host-side protocol tests run the agent that way). */
static int port_in = -1, port_out = -1;
static struct channel channels[MAX_CHANNELS];
static struct buf rx;

static void die(const char *what)
{
    fprintf(stderr, "sandbox-agent: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void buf_append(struct buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) cap *= 2;
        b->data = realloc(b->data, cap);
        if (!b->data) die("realloc");
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void buf_consume(struct buf *b, size_t n)
{
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}

static void write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            die("write to control port");
        }
        p += w;
        n -= (size_t)w;
    }
}

static void put_u32(uint8_t *p, uint32_t v)
{
    p[0] = v & 0xff; p[1] = (v >> 8) & 0xff; p[2] = (v >> 16) & 0xff; p[3] = v >> 24;
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void send_frame(uint8_t type, uint32_t id, const void *payload, uint32_t len)
{
    uint8_t hdr[12] = {'S', 'X', type, 0};
    put_u32(hdr + 4, id);
    put_u32(hdr + 8, len);
    /* One write per frame keeps frames contiguous on the port. */
    uint8_t stackbuf[12 + IO_CHUNK];
    if (len <= IO_CHUNK) {
        memcpy(stackbuf, hdr, 12);
        if (len) memcpy(stackbuf + 12, payload, len);
        write_all(port_out, stackbuf, 12 + len);
    } else {
        write_all(port_out, hdr, 12);
        write_all(port_out, payload, len);
    }
}

static void send_error(uint32_t id, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg, strerror(errno));
    send_frame(T_ERROR, id, msg, (uint32_t)strlen(msg));
}

static struct channel *find_channel(uint32_t id)
{
    for (int i = 0; i < MAX_CHANNELS; i++)
        if (channels[i].used && channels[i].id == id) return &channels[i];
    return NULL;
}

static struct channel *new_channel(uint32_t id, enum kind kind)
{
    if (find_channel(id)) return NULL;
    for (int i = 0; i < MAX_CHANNELS; i++) {
        if (!channels[i].used) {
            struct channel *c = &channels[i];
            memset(c, 0, sizeof *c);
            c->used = 1;
            c->id = id;
            c->kind = kind;
            c->pid = -1;
            c->in_fd = c->out_fd = c->err_fd = -1;
            return c;
        }
    }
    return NULL;
}

static void close_fd(int *fd)
{
    if (*fd >= 0) close(*fd);
    *fd = -1;
}

static void free_channel(struct channel *c)
{
    /* For a pty or socket in_fd == out_fd: close it once. */
    if (c->in_fd == c->out_fd) c->in_fd = -1;
    close_fd(&c->in_fd);
    close_fd(&c->out_fd);
    close_fd(&c->err_fd);
    free(c->pending.data);
    memset(c, 0, sizeof *c);
}

static void set_nonblock(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Split a payload of NUL-terminated strings into argv-style pointers. */
static int split_fields(uint8_t *payload, uint32_t len, char **fields, int max)
{
    int n = 0;
    uint32_t start = 0;
    for (uint32_t i = 0; i < len && n < max; i++) {
        if (payload[i] == 0) {
            fields[n++] = (char *)payload + start;
            start = i + 1;
        }
    }
    return n;
}

/* Child side of fork: a clean process that does not inherit the agent's state. */
static void child_setup(const char *cwd)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL);
    if (cwd[0] && chdir(cwd) != 0) {
        dprintf(2, "sandbox-agent: cannot change directory to %s: %s\n", cwd, strerror(errno));
        _exit(126);
    }
}

static void base_env(void)
{
    clearenv();
    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
    setenv("HOME", "/root", 1);
    setenv("USER", "root", 1);
    setenv("LOGNAME", "root", 1);
    setenv("LANG", "C.UTF-8", 1);
    setenv("SHELL", "/bin/bash", 1);
    /* The classic builder by default: in the emulated guest BuildKit took
     * 1.8x the time (2x the instructions) of the classic builder for a small
     * build (docs/docker-engine.md, "The builder"). DOCKER_BUILDKIT=1 on a
     * command, or unset in a shell, selects BuildKit. */
    setenv("DOCKER_BUILDKIT", "0", 1);
}

static void report_opened(struct channel *c)
{
    char pid[16];
    int n = snprintf(pid, sizeof pid, "%d", (int)c->pid);
    send_frame(T_OPENED, c->id, pid, (uint32_t)n);
}

/* EXEC payload: cwd, nenv, env[nenv], cmd, args... */
static void start_exec(uint32_t id, uint8_t *payload, uint32_t len)
{
    char *f[512];
    int n = split_fields(payload, len, f, 510);
    if (n < 3) { errno = EINVAL; send_error(id, "malformed EXEC%s: %s", ""); return; }
    int nenv = atoi(f[1]);
    /* Compare without adding to nenv: `2 + nenv` overflows near INT_MAX. */
    if (nenv < 0 || nenv > n - 3) { errno = EINVAL; send_error(id, "malformed EXEC env%s: %s", ""); return; }
    struct channel *c = new_channel(id, K_EXEC);
    if (!c) { errno = EBUSY; send_error(id, "cannot open channel%s: %s", ""); return; }

    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC)) {
        send_error(id, "pipe%s: %s", "");
        free_channel(c);
        return;
    }
    pid_t pid = fork();
    if (pid < 0) { send_error(id, "fork%s: %s", ""); free_channel(c); return; }
    if (pid == 0) {
        setsid();
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        child_setup(f[0]);
        base_env();
        for (int i = 0; i < nenv; i++) putenv(f[2 + i]);
        char *argv[512];
        int a = 0;
        argv[a++] = "sh";
        argv[a++] = "-c";
        argv[a++] = f[2 + nenv];
        argv[a++] = "sh";
        for (int i = 3 + nenv; i < n && a < 510; i++) argv[a++] = f[i];
        argv[a] = NULL;
        execv("/bin/sh", argv);
        dprintf(2, "sandbox-agent: exec /bin/sh: %s\n", strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    c->pid = pid;
    c->in_fd = in[1];
    c->out_fd = out[0];
    c->err_fd = err[0];
    set_nonblock(c->in_fd);
    set_nonblock(c->out_fd);
    set_nonblock(c->err_fd);
    report_opened(c);
}

static void set_winsize(int fd, const char *cols, const char *rows)
{
    struct winsize ws = {0};
    ws.ws_col = (unsigned short)atoi(cols);
    ws.ws_row = (unsigned short)atoi(rows);
    if (ws.ws_col && ws.ws_row) ioctl(fd, TIOCSWINSZ, &ws);
}

/* PTY payload: cols, rows, cwd, cmd (empty: login shell) */
static void start_pty(uint32_t id, uint8_t *payload, uint32_t len)
{
    char *f[4];
    if (split_fields(payload, len, f, 4) < 4) { errno = EINVAL; send_error(id, "malformed PTY%s: %s", ""); return; }
    struct channel *c = new_channel(id, K_PTY);
    if (!c) { errno = EBUSY; send_error(id, "cannot open channel%s: %s", ""); return; }
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0 || grantpt(master) || unlockpt(master)) {
        send_error(id, "openpt%s: %s", "");
        if (master >= 0) close(master);
        free_channel(c);
        return;
    }
    set_winsize(master, f[0], f[1]);
    char *slave_name = ptsname(master);
    pid_t pid = fork();
    if (pid < 0) { send_error(id, "fork%s: %s", ""); close(master); free_channel(c); return; }
    if (pid == 0) {
        setsid();
        int slave = open(slave_name, O_RDWR);
        if (slave < 0) _exit(127);
        ioctl(slave, TIOCSCTTY, 0);
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        if (slave > 2) close(slave);
        child_setup(f[2]);
        base_env();
        setenv("TERM", "xterm-256color", 1);
        setenv("COLORTERM", "truecolor", 1);
        if (f[3][0]) execl("/bin/sh", "sh", "-c", f[3], (char *)NULL);
        else execl("/bin/bash", "-bash", (char *)NULL); /* leading '-': a login shell */
        dprintf(2, "sandbox-agent: exec shell: %s\n", strerror(errno));
        _exit(127);
    }
    c->pid = pid;
    c->in_fd = c->out_fd = master;
    set_nonblock(master);
    report_opened(c);
}

/* UNIX payload: socket path */
static void start_unix(uint32_t id, uint8_t *payload, uint32_t len)
{
    struct channel *c = new_channel(id, K_UNIX);
    if (!c) { errno = EBUSY; send_error(id, "cannot open channel%s: %s", ""); return; }
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (len == 0 || len >= sizeof addr.sun_path) { errno = ENAMETOOLONG; send_error(id, "bad socket path%s: %s", ""); free_channel(c); return; }
    memcpy(addr.sun_path, payload, len);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) != 0) {
        send_error(id, "connect %s: %s", addr.sun_path);
        if (s >= 0) close(s);
        free_channel(c);
        return;
    }
    c->in_fd = c->out_fd = s;
    set_nonblock(s);
    report_opened(c);
}

/* Finish input: EOF for a pipe, half-close for a socket; a pty ignores it. */
static void input_eof(struct channel *c)
{
    if (c->kind == K_EXEC) close_fd(&c->in_fd);
    else if (c->kind == K_UNIX && c->in_fd >= 0) shutdown(c->in_fd, SHUT_WR);
    c->eof_requested = 0;
}

static void flush_input(struct channel *c)
{
    while (c->pending.len > 0 && c->in_fd >= 0) {
        ssize_t w = write(c->in_fd, c->pending.data, c->pending.len);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return;
            /* The reader went away (EPIPE): drop what it will never read. */
            c->pending.len = 0;
            break;
        }
        buf_consume(&c->pending, (size_t)w);
    }
    if (c->pending.len == 0 && c->eof_requested) input_eof(c);
}

static void handle_frame(uint8_t type, uint32_t id, uint8_t *payload, uint32_t len)
{
    struct channel *c;
    switch (type) {
    case T_HELLO:
        if (len > 0) {
            /* The host's wall clock in ms: a restored snapshot's clock is stale. */
            char ms[32] = {0};
            memcpy(ms, payload, len < 31 ? len : 31);
            long long v = atoll(ms);
            struct timespec ts = {.tv_sec = v / 1000, .tv_nsec = (v % 1000) * 1000000};
            clock_settime(CLOCK_REALTIME, &ts);
        }
        send_frame(T_READY, id, AGENT_VERSION, sizeof AGENT_VERSION - 1);
        break;
    case T_EXEC: start_exec(id, payload, len); break;
    case T_PTY: start_pty(id, payload, len); break;
    case T_UNIX: start_unix(id, payload, len); break;
    case T_INPUT:
        if (!(c = find_channel(id))) break;
        if (len == 0) c->eof_requested = 1;
        else if (c->kind == K_PTY && c->pending.len + len > MAX_PENDING) {
            if (!c->input_dropped) fprintf(stderr, "sandbox-agent: channel %u is not reading its input; dropping input beyond 1 MiB\n", id);
            c->input_dropped = 1;
        } else buf_append(&c->pending, payload, len);
        flush_input(c);
        break;
    case T_SIGNAL:
        if ((c = find_channel(id)) && c->pid > 0 && !c->exited) {
            char s[8] = {0};
            memcpy(s, payload, len < 7 ? len : 7);
            kill(-c->pid, atoi(s)); /* the whole process group (setsid in the child) */
        }
        break;
    case T_RESIZE:
        if ((c = find_channel(id)) && c->kind == K_PTY) {
            char *f[2];
            if (split_fields(payload, len, f, 2) == 2) set_winsize(c->out_fd, f[0], f[1]);
        }
        break;
    case T_CLOSE:
        if ((c = find_channel(id))) {
            if (c->pid > 0 && !c->exited) kill(-c->pid, c->kind == K_PTY ? SIGHUP : SIGKILL);
            if (c->pid > 0 && !c->exited) {
                /* Keep the slot until SIGCHLD reaps it, but stop forwarding output. */
                close_fd(&c->err_fd);
                if (c->in_fd == c->out_fd) c->in_fd = -1;
                close_fd(&c->in_fd);
                close_fd(&c->out_fd);
                c->id = 0xffffffffu; /* detached: its EXIT is not reported */
            } else {
                free_channel(c);
            }
        }
        break;
    default:
        fprintf(stderr, "sandbox-agent: unknown frame type 0x%02x\n", type);
    }
}

/* Parse as many complete frames as rx holds; resynchronise on garbage. */
static void parse_frames(void)
{
    size_t off = 0;
    while (rx.len - off >= 12) {
        uint8_t *h = rx.data + off;
        if (h[0] != 'S' || h[1] != 'X') { off++; continue; }
        uint32_t len = get_u32(h + 8);
        if (len > MAX_PAYLOAD) { off++; continue; }
        if (rx.len - off < 12 + (size_t)len) break;
        handle_frame(h[2], get_u32(h + 4), h + 12, len);
        off += 12 + len;
    }
    if (off) buf_consume(&rx, off);
}

static void maybe_finish(struct channel *c)
{
    if (!c->used || !c->exited) return;
    if (c->kind == K_EXEC && (c->out_fd >= 0 || c->err_fd >= 0)) return;
    if (c->id != 0xffffffffu) {
        uint8_t p[8];
        int code = 0, sig = 0;
        if (WIFEXITED(c->status)) code = WEXITSTATUS(c->status);
        else if (WIFSIGNALED(c->status)) { sig = WTERMSIG(c->status); code = 128 + sig; }
        put_u32(p, (uint32_t)code);
        put_u32(p + 4, (uint32_t)sig);
        send_frame(T_EXIT, c->id, p, 8);
    }
    free_channel(c);
}

/* Forward one chunk from fd; returns 0 on EOF/error (fd is then closed). */
static int pump_output(struct channel *c, int *fd, uint8_t type)
{
    uint8_t buf[IO_CHUNK];
    ssize_t n = read(*fd, buf, sizeof buf);
    if (n > 0) {
        if (c->id != 0xffffffffu) send_frame(type, c->id, buf, (uint32_t)n);
        return 1;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return 1;
    /* EOF, or EIO on a pty master once the shell and its children are gone. */
    if (c->in_fd == *fd) c->in_fd = -1;
    close_fd(fd);
    if (c->kind == K_UNIX) {
        c->exited = 1;
        c->status = 0;
    }
    return 0;
}

static void reap_children(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        for (int i = 0; i < MAX_CHANNELS; i++) {
            struct channel *c = &channels[i];
            if (c->used && c->pid == pid) {
                c->exited = 1;
                c->status = status;
                if (c->kind == K_PTY) {
                    /* Drain what the shell printed last, then hang up. */
                    while (c->out_fd >= 0 && pump_output(c, &c->out_fd, T_STDOUT)) {
                        struct pollfd p = {.fd = c->out_fd, .events = POLLIN};
                        if (poll(&p, 1, 0) <= 0) break;
                    }
                    c->in_fd = -1;
                    close_fd(&c->out_fd);
                }
            }
        }
    }
}

static void open_port(const char *path)
{
    if (strcmp(path, "-") == 0) {
        port_in = dup(0);
        port_out = dup(1);
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0); /* children must not inherit the port as stdio */
        dup2(null, 1);
        return;
    }
    port_in = port_out = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (port_in < 0) die(path);
    /* Exclusive: no other process (even root, short of CAP_SYS_ADMIN tricks)
     * can open the port and forge frames to the host. */
    if (ioctl(port_in, TIOCEXCL) != 0) fprintf(stderr, "sandbox-agent: TIOCEXCL on %s: %s\n", path, strerror(errno));
    struct termios t;
    if (tcgetattr(port_in, &t) == 0) {
        cfmakeraw(&t); /* binary-safe: no echo, no CR/LF mangling, no XON/XOFF */
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        tcsetattr(port_in, TCSANOW, &t);
    }
}

/* `sandbox-agent wait-docker SECONDS`: block until dockerd answers /_ping. */
static int wait_docker(int seconds)
{
    static const char req[] = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n";
    for (int i = 0; i < seconds * 10; i++) {
        struct sockaddr_un addr = {.sun_family = AF_UNIX, .sun_path = "/var/run/docker.sock"};
        int s = socket(AF_UNIX, SOCK_STREAM, 0);
        if (s >= 0 && connect(s, (struct sockaddr *)&addr, sizeof addr) == 0 &&
            write(s, req, sizeof req - 1) == (ssize_t)(sizeof req - 1)) {
            char resp[256] = {0};
            ssize_t n = read(s, resp, sizeof resp - 1);
            close(s);
            if (n > 12 && strncmp(resp + 9, "200", 3) == 0) return 0;
        } else if (s >= 0) {
            close(s);
        }
        usleep(100000);
    }
    fprintf(stderr, "sandbox-agent: dockerd did not answer within %d s\n", seconds);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "wait-docker") == 0)
        return wait_docker(argc >= 3 ? atoi(argv[2]) : 300);

    open_port(argc >= 2 ? argv[1] : "/dev/hvc1");
    signal(SIGPIPE, SIG_IGN);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) die("signalfd");

    /* Unsolicited READY: the build waits for it before saving the snapshot. */
    send_frame(T_READY, 0, AGENT_VERSION, sizeof AGENT_VERSION - 1);

    struct pollfd pfd[2 + MAX_CHANNELS * 3];
    struct channel *owner[2 + MAX_CHANNELS * 3];
    int which[2 + MAX_CHANNELS * 3]; /* 0 in, 1 out, 2 err */
    for (;;) {
        int n = 0;
        pfd[n++] = (struct pollfd){.fd = port_in, .events = POLLIN};
        pfd[n++] = (struct pollfd){.fd = sfd, .events = POLLIN};
        for (int i = 0; i < MAX_CHANNELS; i++) {
            struct channel *c = &channels[i];
            if (!c->used) continue;
            if (c->out_fd >= 0) { owner[n] = c; which[n] = 1; pfd[n++] = (struct pollfd){.fd = c->out_fd, .events = POLLIN}; }
            if (c->err_fd >= 0) { owner[n] = c; which[n] = 2; pfd[n++] = (struct pollfd){.fd = c->err_fd, .events = POLLIN}; }
            if (c->in_fd >= 0 && c->pending.len) { owner[n] = c; which[n] = 0; pfd[n++] = (struct pollfd){.fd = c->in_fd, .events = POLLOUT}; }
        }
        if (poll(pfd, (nfds_t)n, -1) < 0) {
            if (errno == EINTR) continue;
            die("poll");
        }
        if (pfd[0].revents & POLLIN) {
            uint8_t buf[16384];
            ssize_t r = read(port_in, buf, sizeof buf);
            if (r > 0) {
                uint8_t credit[4];
                put_u32(credit, (uint32_t)r);
                send_frame(T_CREDIT, 0, credit, 4);
                buf_append(&rx, buf, (size_t)r);
                parse_frames();
            } else if (r == 0) {
                return 0; /* the host closed the port (stdio mode) */
            } else if (errno != EAGAIN && errno != EINTR) {
                die("read control port");
            }
        }
        if (pfd[1].revents & POLLIN) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) == sizeof si) {}
            reap_children();
        }
        for (int i = 2; i < n; i++) {
            struct channel *c = owner[i];
            if (!pfd[i].revents || !c->used) continue;
            if (which[i] == 1 && c->out_fd == pfd[i].fd) pump_output(c, &c->out_fd, T_STDOUT);
            else if (which[i] == 2 && c->err_fd == pfd[i].fd) pump_output(c, &c->err_fd, T_STDERR);
            else if (which[i] == 0 && c->in_fd == pfd[i].fd) flush_input(c);
        }
        for (int i = 0; i < MAX_CHANNELS; i++) maybe_finish(&channels[i]);
    }
}
