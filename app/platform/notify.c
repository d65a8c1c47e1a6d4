/* notify: the sd_notify protocol is one datagram on a unix socket ("@" names an abstract one):
 * twenty lines, not a library. */
#include "notify.h"
#include "../base/text.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static struct sockaddr_un addr;
static socklen_t addr_len;

int notify_open(void)
{
    const char *path = getenv("NOTIFY_SOCKET"), *usec = getenv("WATCHDOG_USEC"), *pid = getenv("WATCHDOG_PID");
    size_t n = path ? strlen(path) : 0;
    if (n < 2 || n >= sizeof addr.sun_path || (path[0] != '/' && path[0] != '@')) return -1;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    memcpy(addr.sun_path, path, n);
    if (path[0] == '@') addr.sun_path[0] = '\0';
    addr_len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
    long long us = usec ? atoll(usec) : 0;
    if (us <= 0 || (pid && atoll(pid) != (long long)getpid())) return -1;
    return us / 2000 > 0 ? (int)(us / 2000) : 1;
}

int notify_send(const char *message)
{
    if (!addr_len) return -1;
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    ssize_t sent = sendto(fd, message, strlen(message), MSG_NOSIGNAL, (struct sockaddr *)&addr, addr_len);
    close(fd);
    return sent == (ssize_t)strlen(message) ? 0 : -1;
}
