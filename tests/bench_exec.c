/* bench_exec: starts a program N times and reports, from the trace it writes, the time from
 * exec to its first presented frame, and its peak resident memory (from wait4).
 * usage: bench_exec N TRACE program args...
 * Prints: "first_frame_ms median=.. min=.. max=.." and "peak_rss_mb max=..". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long first_frame_us(const char *trace)
{
    FILE *f = fopen(trace, "r");
    if (!f) return -1;
    char line[512];
    long long v = -1;
    while (fgets(line, sizeof line, f)) {
        char *p = strstr(line, "frame first mono_us=");
        if (p) { v = atoll(p + strlen("frame first mono_us=")); break; }
    }
    fclose(f);
    return v;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: bench_exec N TRACE program args...\n"); return 2; }
    int n = atoi(argv[1]);
    if (n < 1 || n > 1000) { fprintf(stderr, "bench_exec: N must be 1..1000\n"); return 2; }
    const char *trace = argv[2];
    double *ms = calloc((size_t)n, sizeof *ms);
    long max_rss = 0;
    for (int i = 0; i < n; i++) {
        remove(trace);
        long long t0 = now_us();
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 1; }
        if (pid == 0) {
            execvp(argv[3], argv + 3);
            perror(argv[3]);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0) { perror("wait4"); return 1; }
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_exec: run %d failed (status %d)\n", i + 1, status);
            return 1;
        }
        long long ff = first_frame_us(trace);
        if (ff < 0) { fprintf(stderr, "bench_exec: no first frame in %s\n", trace); return 1; }
        ms[i] = (double)(ff - t0) / 1000.0;
        if (ru.ru_maxrss > max_rss) max_rss = ru.ru_maxrss;
    }
    qsort(ms, (size_t)n, sizeof *ms, cmp);
    printf("first_frame_ms median=%.1f min=%.1f max=%.1f runs=%d\n", ms[n / 2], ms[0], ms[n - 1], n);
    printf("peak_rss_mb max=%.1f\n", (double)max_rss / 1024.0);
    free(ms);
    return 0;
}
