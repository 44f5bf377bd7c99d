#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include <linux/genetlink.h>
#include <linux/wireguard.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/sched.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Moves the calling thread into the network namespace `fd` refers to. glibc declares setns(2) only under
/// _GNU_SOURCE, which Swift's Glibc module is not built with, so the system call is made directly.
static inline int wgc_setns_net(int fd) {
    return (int)syscall(SYS_setns, fd, CLONE_NEWNET);
}
