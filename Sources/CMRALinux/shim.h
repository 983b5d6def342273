#ifndef C_MRA_LINUX_SHIM_H
#define C_MRA_LINUX_SHIM_H

#include <stdint.h>

// sync_file_range(2) is a Linux call that glibc declares in <fcntl.h> only under _GNU_SOURCE, which
// Swift's Glibc module is built without. Declared here as glibc declares it (off64_t is int64_t on
// 64-bit Linux).
int sync_file_range(int fd, int64_t offset, int64_t count, unsigned int flags);

// Asks the kernel to start writing the dirty pages of the whole file to disk, without waiting for
// them (SYNC_FILE_RANGE_WRITE). It makes nothing durable: a later fdatasync does, and waits for less.
static inline int CMRALinux_start_writeback(int fd) {
    return sync_file_range(fd, 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */);
}

#endif
