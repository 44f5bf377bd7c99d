import Foundation
import Testing
import WireGuard

/// A wireguard-go interface in a test's namespace, deleted again when the test ends, pass or fail.
final class WireGuardGoInterface {
    static let requirements = Programs.isRoot && Programs.available("ip", "wireguard-go", "wg")
    static let skipReason: Comment = "needs root, ip netns, wireguard-go and wg"

    let name: String
    let namespace: NetworkNamespace
    let backend: UserspaceWireGuard

    /// Starts wireguard-go for a fresh `wgt<random>` interface inside `namespace`.
    init(in namespace: NetworkNamespace) throws {
        name = "wgt" + UUID().uuidString.prefix(8).lowercased()
        self.namespace = namespace
        backend = Self.backend(in: namespace)
        try backend.create(name)
    }

    static func backend(in namespace: NetworkNamespace) -> UserspaceWireGuard {
        UserspaceWireGuard(wireguardGo: ["ip", "netns", "exec", namespace.name, "wireguard-go"], timeout: .seconds(30))
    }

    func status() throws -> WireGuardDeviceStatus {
        guard let status = try backend.status(of: name) else { throw CommandFailed.missing(name) }
        return status
    }

    /// Applies what it takes to make the interface `desired`, and returns that change.
    @discardableResult
    func sync(to desired: WireGuardDevice) throws -> WireGuardChange {
        let change = WireGuardChange(from: try backend.status(of: name), to: desired)
        try backend.apply(change, to: name)
        return change
    }

    func up(address: String) throws {
        try namespace.address(name, address)
        try namespace.exec(["ip", "link", "set", name, "up"]).check("up \(name)")
    }

    deinit {
        try? backend.delete(name)
        unlink(backend.socketPath(name))
    }
}

extension CommandFailed {
    static func missing(_ interface: String) -> CommandFailed {
        CommandFailed(what: "status of \(interface)",
                      output: Programs.Output(status: 1, stdout: "", stderr: "no such interface"))
    }
}
