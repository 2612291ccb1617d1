/*
 * The floor under issue 13's flat cleanup and sweep rows: unlinks every entry of DIR as rm does
 * (readdir, unlinkat), or with an lstat of each name first (fstatat, AT_SYMLINK_NOFOLLOW), the one
 * read tempguard's identity rule needs before it deletes a tracked file. No JVM, no journal, no
 * registry: what the system calls alone cost. Prints "<mode>: <n> files in <ms> ms".
 *
 *   cc -O2 -o unlink-floor unlink-floor.c && ./unlink-floor DIR unlink|lstat+unlink
 * (src/bench/floors.sh builds and runs it against rm -rf on identical trees.)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[2], "unlink") != 0 && strcmp(argv[2], "lstat+unlink") != 0)) {
        fprintf(stderr, "usage: %s DIR unlink|lstat+unlink\n", argv[0]);
        return 2;
    }
    int read_first = strcmp(argv[2], "lstat+unlink") == 0;
    int dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
    if (dfd < 0) { perror(argv[1]); return 1; }
    DIR *dir = fdopendir(dup(dfd));
    if (dir == NULL) { perror(argv[1]); return 1; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long deleted = 0;
    struct dirent *e;
    struct stat st;
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (read_first && fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (unlinkat(dfd, e->d_name, 0) == 0) deleted++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%s: %ld files in %.0f ms\n", argv[2], deleted,
           (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    return 0;
}
