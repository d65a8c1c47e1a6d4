#include "hold.h"

#ifdef PALLAY_TEST_HOOKS
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void hold(const char *env, const char *what)
{
    const char *fifo = getenv(env);
    if (!fifo || !*fifo) return;
    fprintf(stderr, "pallay: test hold: %s, waiting on %s\n", what, fifo);
    int fd = open(fifo, O_RDONLY | O_NONBLOCK);
    char c;
    for (int i = 0; fd >= 0 && i < 300 && read(fd, &c, 1) != 1; i++) usleep(100000);
    if (fd >= 0) close(fd);
}
#else
void hold(const char *env, const char *what)
{
    (void)env;
    (void)what;
}
#endif
