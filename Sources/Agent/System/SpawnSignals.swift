#if canImport(Glibc)
import Glibc
#endif

/// How a program is started with signals as a fresh process has them: no signal blocked and SIGTERM, SIGINT,
/// SIGHUP and SIGPIPE at their default actions. A starter that ignores or blocks them (the agent ignores SIGTERM
/// while a cycle runs; a test runner blocks some) must not pass that on, or the daemons it starts could never be
/// stopped cleanly.
public enum SpawnSignals {
    /// Runs `body` with spawn attributes that reset the signal mask and those dispositions.
    public static func withDefaults<Result>(_ body: (UnsafePointer<posix_spawnattr_t>) throws -> Result) rethrows
        -> Result {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaults, signalNumber) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return try withUnsafePointer(to: &attributes) { try body($0) }
    }
}
