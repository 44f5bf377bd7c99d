import CLibMnl
import Glibc

/// Runs a synchronous body with the calling thread inside a named network namespace (`ip netns add NAME`), then
/// moves the thread back. Sockets made in the body stay in that namespace for life.
enum NetworkNamespaceEntry {
    static func inside<T>(_ name: String, _ body: () throws(NetlinkError) -> T) throws(NetlinkError) -> T {
        let operation = "entering network namespace \(name)"
        guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
            throw NetlinkError(operation: operation, code: EINVAL, message: "not a namespace name")
        }
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw NetlinkError(operation: operation, code: errno) }
        defer { close(original) }
        let target = open("/var/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw NetlinkError(operation: operation, code: errno) }
        defer { close(target) }
        guard wgc_setns_net(target) == 0 else { throw NetlinkError(operation: operation, code: errno) }
        // A thread left in the wrong namespace would silently configure the wrong routers' interfaces.
        defer { precondition(wgc_setns_net(original) == 0, "cannot return to the original network namespace") }
        return try body()
    }
}
