#include <git2.h>

/* git_libgit2_opts is variadic, which Swift cannot call; these wrap the calls wgc makes. */

/* Reading an object re-hashes it by default (libgit2 only; git itself does not), which doubles the time to read
   an inventory from a tree. Corruption is still caught: zlib checks every stream, a pack its CRCs, a fetch
   verifies every object it indexes. */
static inline int wgc_git_disable_strict_hash_verification(void) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}
