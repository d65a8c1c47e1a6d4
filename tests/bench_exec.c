/* bench_exec: starts a program N times and reports, from the trace it writes, the time from
 * exec to its first presented frame, and its peak resident memory (from wait4).
 * usage: bench_exec N TRACE program args...
 * Prints: "first_frame_ms median=.. min=.. max=..", the median of each phase of the start
 * ("phases_ms link=.. sdl=.. content=.. store=.. screen=.. draw=..": exec to main, SDL and the
 * window and fonts, the course, the records, the first screen's set-up, its first frame), the
 * median CPU time the kiosk had used by its first frame ("cpu_ms median=.. min=.. max=..", from its
 * "frame cpu_us=" line: the wall clock of a busy machine also counts other programs), and
 * "peak_rss_mb max=..". */
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

/* The number after the first occurrence of key in trace, or -1. */
static long long traced(const char *trace, const char *key)
{
    FILE *f = fopen(trace, "r");
    if (!f) return -1;
    char line[512];
    long long v = -1;
    while (fgets(line, sizeof line, f)) {
        char *p = strstr(line, key);
        if (p) { v = atoll(p + strlen(key)); break; }
    }
    fclose(f);
    return v;
}

/* The start's phases from the trace, in ms: exec to the "boot" line, then between the lines that
 * mark the end of each step. 0 if the trace lacks them. */
#define PHASES 6
static const char *const PHASE_NAMES[PHASES] = { "link", "sdl", "content", "store", "screen", "draw" };
static int phases(const char *trace, long long t0, long long ff, double out[PHASES])
{
    static const char *const MARKS[] = { " start ", " content ", " store open ", " screen " };
    FILE *f = fopen(trace, "r");
    if (!f) return -1;
    char line[512];
    long long boot = -1, at[4] = { -1, -1, -1, -1 };
    while (fgets(line, sizeof line, f)) {
        char *p = strstr(line, " boot mono_us=");
        if (p && boot < 0) boot = atoll(p + strlen(" boot mono_us="));
        for (int i = 0; i < 4; i++)
            if (at[i] < 0 && strstr(line, MARKS[i])) at[i] = atoll(line + 2) * 1000;   /* "t=MS ..." */
    }
    fclose(f);
    if (boot < 0 || at[0] < 0 || at[1] < 0 || at[2] < 0 || at[3] < 0) return -1;
    out[0] = (double)(boot - t0) / 1000.0;
    out[1] = (double)at[0] / 1000.0;
    for (int i = 1; i < 4; i++) out[i + 1] = (double)(at[i] - at[i - 1]) / 1000.0;
    out[5] = (double)(ff - boot - at[3]) / 1000.0;
    return 0;
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
    double *ms = calloc((size_t)n, sizeof *ms), *cpu = calloc((size_t)n, sizeof *cpu), *ph[PHASES];
    for (int p = 0; p < PHASES; p++) ph[p] = calloc((size_t)n, sizeof **ph);
    int nph = 0, ncpu = 0;
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
        long long ff = traced(trace, "frame first mono_us=");
        if (ff < 0) { fprintf(stderr, "bench_exec: no first frame in %s\n", trace); return 1; }
        ms[i] = (double)(ff - t0) / 1000.0;
        long long cpu_us = traced(trace, "frame cpu_us=");
        if (cpu_us >= 0) cpu[ncpu++] = (double)cpu_us / 1000.0;
        double one[PHASES];
        if (phases(trace, t0, ff, one) == 0) {
            for (int p = 0; p < PHASES; p++) ph[p][nph] = one[p];
            nph++;
        }
        if (ru.ru_maxrss > max_rss) max_rss = ru.ru_maxrss;
    }
    qsort(ms, (size_t)n, sizeof *ms, cmp);
    printf("first_frame_ms median=%.1f min=%.1f max=%.1f runs=%d\n", ms[n / 2], ms[0], ms[n - 1], n);
    if (nph) {
        printf("phases_ms");
        for (int p = 0; p < PHASES; p++) {
            qsort(ph[p], (size_t)nph, sizeof **ph, cmp);
            printf(" %s=%.1f", PHASE_NAMES[p], ph[p][nph / 2]);
        }
        printf("\n");
    }
    if (ncpu) {
        qsort(cpu, (size_t)ncpu, sizeof *cpu, cmp);
        printf("cpu_ms median=%.1f min=%.1f max=%.1f\n", cpu[ncpu / 2], cpu[0], cpu[ncpu - 1]);
    }
    printf("peak_rss_mb max=%.1f\n", (double)max_rss / 1024.0);
    for (int p = 0; p < PHASES; p++) free(ph[p]);
    free(ms);
    free(cpu);
    return 0;
}
