import Foundation

/// A network namespace this test made, removed again — with every process still running in it — when the
/// test ends, pass or fail.
final class NetworkNamespace {
    let name: String
    private var background: [pid_t] = []

    /// Creates `wgc-<role>-<random>`, with DAD off so addresses are usable at once, and loopback up.
    init(_ role: String) throws {
        name = "wgc-\(role)-\(UUID().uuidString.prefix(8).lowercased())"
        try Programs.run(["ip", "netns", "add", name]).check("ip netns add \(name)")
        try exec(["sysctl", "-qw", "net.ipv6.conf.default.accept_dad=0"]).check("sysctl")
        try exec(["sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0"]).check("sysctl")
        try exec(["ip", "link", "set", "lo", "up"]).check("lo up")
    }

    @discardableResult
    func exec(_ arguments: [String], timeout: TimeInterval = 30, environment: [String: String]? = nil) throws -> Programs.Output {
        try Programs.run(["ip", "netns", "exec", name] + arguments, timeout: timeout, environment: environment)
    }

    /// Starts a long-running program in the namespace; it is stopped when the namespace goes.
    func start(_ arguments: [String], log: URL) throws {
        let pid = try Programs.spawn(["ip", "netns", "exec", name] + arguments, stdout: log.path, stderr: log.path)
        background.append(pid)
    }

    /// A veth pair between two namespaces, both ends up.
    static func link(_ a: NetworkNamespace, _ aName: String, _ b: NetworkNamespace, _ bName: String) throws {
        try Programs.run(["ip", "link", "add", aName, "netns", a.name, "type", "veth", "peer", "name", bName,
                          "netns", b.name]).check("veth \(aName)-\(bName)")
        try a.exec(["ip", "link", "set", aName, "up"]).check("up \(aName)")
        try b.exec(["ip", "link", "set", bName, "up"]).check("up \(bName)")
    }

    func address(_ interface: String, _ cidr: String) throws {
        try exec(["ip", "address", "add", cidr, "dev", interface, "nodad"].filter { cidr.contains(":") || $0 != "nodad" })
            .check("address \(cidr) on \(interface)")
    }

    deinit {
        for pid in background { Programs.stop(pid) }
        // SIGTERM lets wireguard-go remove its UAPI socket; deleting the namespace then removes the interfaces.
        if let pids = try? Programs.run(["ip", "netns", "pids", name]) {
            for pid in pids.stdout.split(separator: "\n").compactMap({ Int32($0) }) { kill(pid, SIGTERM) }
        }
        _ = try? Programs.run(["ip", "netns", "del", name])
    }
}

struct CommandFailed: Error, CustomStringConvertible {
    var what: String
    var output: Programs.Output
    var description: String { "\(what) failed (\(output.status)): \(output.combined)" }
}

extension Programs.Output {
    @discardableResult
    func check(_ what: String) throws -> Programs.Output {
        guard status == 0 else { throw CommandFailed(what: what, output: self) }
        return self
    }
}
