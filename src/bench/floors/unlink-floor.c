/*
 * The floor under issue 13's flat cleanup and sweep rows: unlinks every entry of DIR as rm does
 * (readdir, unlinkat), or with an lstat of each name first (fstatat, AT_SYMLINK_NOFOLLOW), the one
 * read tempguard's identity rule needs before it deletes a tracked file, on THREADS threads (each
 * takes every THREADS-th name; default 1). No JVM, no journal, no registry: what the system calls
 * alone cost. Prints "<mode> on <threads> thread(s): <n> files in <ms> ms" (the listing included).
 *
 *   cc -O2 -pthread -o unlink-floor unlink-floor.c && ./unlink-floor DIR unlink|lstat+unlink [THREADS]
 * (src/bench/floors.sh builds and runs it against rm -rf on identical trees.)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 64

static int dfd;
static int read_first;
static int threads = 1;
static char **names;
static long count;
static long deleted[MAX_THREADS];

static void *work(void *arg) {
    long first = (long) arg;
    struct stat st;
    for (long i = first; i < count; i += threads) {
        if (read_first && fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (unlinkat(dfd, names[i], 0) == 0) deleted[first]++;
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4 || (strcmp(argv[2], "unlink") != 0 && strcmp(argv[2], "lstat+unlink") != 0)
            || (argc == 4 && ((threads = atoi(argv[3])) < 1 || threads > MAX_THREADS))) {
        fprintf(stderr, "usage: %s DIR unlink|lstat+unlink [THREADS 1-%d]\n", argv[0], MAX_THREADS);
        return 2;
    }
    read_first = strcmp(argv[2], "lstat+unlink") == 0;
    dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
    if (dfd < 0) { perror(argv[1]); return 1; }
    DIR *dir = fdopendir(dup(dfd));
    if (dir == NULL) { perror(argv[1]); return 1; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long capacity = 1024;
    names = malloc(sizeof(char *) * capacity);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (count == capacity) names = realloc(names, sizeof(char *) * (capacity *= 2));
        if (names == NULL) { perror("realloc"); return 1; }
        names[count++] = strdup(e->d_name);
    }
    pthread_t workers[MAX_THREADS];
    for (long t = 0; t < threads; t++) pthread_create(&workers[t], NULL, work, (void *) t);
    long total = 0;
    for (long t = 0; t < threads; t++) { pthread_join(workers[t], NULL); total += deleted[t]; }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%s on %d thread(s): %ld files in %.0f ms\n", argv[2], threads, total,
           (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    return 0;
}
