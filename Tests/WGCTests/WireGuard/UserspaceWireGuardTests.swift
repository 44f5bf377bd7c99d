import Compiler
import Foundation
import Testing
import WireGuard

private typealias F = WireGuardFixtures

@Suite("Userspace WireGuard against wireguard-go", .serialized,
       .enabled(if: WireGuardGoInterface.requirements, WireGuardGoInterface.skipReason))
struct UserspaceWireGuardTests {
    static let device = WireGuardDevice(privateKey: F.privateKey(1), listenPort: 51820, peers: [
        F.peer(10, ["2001:db8:10::/64", "10.0.0.10/32"]),
        F.peer(11, ["2001:db8:11::/64"], presharedKey: F.presharedKey(7), keepalive: 25),
        F.peer(12, ["2001:db8:12::/64"], endpoint: "[2001:db8::12]:51820"),
    ])

    @Test("an applied device reads back exactly, and wg(8) reads the same")
    func applyAndReadBack() throws {
        let namespace = try NetworkNamespace("wg")
        let interface = try WireGuardGoInterface(in: namespace)
        let fresh = try interface.status()
        #expect(fresh.privateKey == nil && fresh.peers.isEmpty)

        try interface.sync(to: Self.device)
        let status = try interface.status()
        #expect(status.privateKey == Self.device.privateKey)
        #expect(status.listenPort == 51820)
        #expect(Set(status.peers.map(\.peer)) == Set(Self.device.peers))
        #expect(status.peers.allSatisfy { $0.lastHandshake == nil && $0.protocolVersion == 1 })

        let dump = try namespace.exec(["wg", "show", interface.name, "dump"]).check("wg show dump")
        #expect(try WireGuardDump(dump.stdout) == WireGuardDump(status))
        #expect(try WireGuardChange(from: interface.status(), to: Self.device).isEmpty)
    }

    @Test("a peer removed from the desired device is removed from the interface")
    func removePeer() throws {
        let namespace = try NetworkNamespace("wg")
        let interface = try WireGuardGoInterface(in: namespace)
        try interface.sync(to: Self.device)
        var desired = Self.device
        desired.peers.remove(at: 1)
        let change = try interface.sync(to: desired)
        #expect(change == WireGuardChange(removedPeers: [F.publicKey(11)]))
        #expect(Set(try interface.status().peers.map(\.peer)) == Set(desired.peers))
    }

    @Test("the interface is listed while it runs, and gone with its link after delete")
    func listAndDelete() throws {
        let namespace = try NetworkNamespace("wg")
        let interface = try WireGuardGoInterface(in: namespace)
        #expect(try interface.backend.interfaces().contains(interface.name))
        #expect(try namespace.exec(["ip", "link", "show", interface.name]).status == 0)

        try interface.backend.delete(interface.name)
        #expect(try interface.backend.status(of: interface.name) == nil)
        #expect(!FileManager.default.fileExists(atPath: interface.backend.socketPath(interface.name)))
        #expect(try !interface.backend.interfaces().contains(interface.name))
        #expect(try namespace.exec(["ip", "link", "show", interface.name]).status != 0)
        try interface.backend.delete(interface.name)
    }

    @Test("creating a running interface again is refused")
    func createTwice() throws {
        let namespace = try NetworkNamespace("wg")
        let interface = try WireGuardGoInterface(in: namespace)
        let error = try #require(throws: WireGuardError.self) { try interface.backend.create(interface.name) }
        #expect(error.kind == .interfaceExists)
    }

    @Test("a missing interface has no status, and applying to it names the interface")
    func missingInterface() throws {
        let backend = UserspaceWireGuard()
        let name = "wgt" + UUID().uuidString.prefix(8).lowercased()
        #expect(try backend.status(of: name) == nil)
        let error = try #require(throws: WireGuardError.self) {
            try backend.apply(WireGuardChange(listenPort: 1), to: name)
        }
        #expect(error.kind == .noSuchInterface)
        #expect(error.interface == name)
    }

    @Test("a wireguard-go that cannot start is a launch failure naming the interface, with the program's output")
    func launchFailure() throws {
        let name = "wgt" + UUID().uuidString.prefix(8).lowercased()
        let failing = UserspaceWireGuard(wireguardGo: ["sh", "-c", "echo no tun here >&2; exit 1", "sh"])
        let error = try #require(throws: WireGuardError.self) { try failing.create(name) }
        #expect(error.kind == .launchFailed && error.interface == name)
        #expect(error.message.contains("no tun here"))

        let missing = UserspaceWireGuard(wireguardGo: ["/nonexistent/wireguard-go"])
        let notFound = try #require(throws: WireGuardError.self) { try missing.create(name) }
        #expect(notFound.kind == .launchFailed && notFound.errno == ENOENT)
    }

    @Test("a socket directory that does not exist holds no interfaces")
    func noSocketDirectory() throws {
        #expect(try UserspaceWireGuard(socketDirectory: "/nonexistent/wireguard").interfaces() == [])
    }

    @Test("a stale socket file, whose daemon is gone, reads as no interface and is replaced by create")
    func staleSocket() throws {
        let namespace = try NetworkNamespace("wg")
        let backend = WireGuardGoInterface.backend(in: namespace)
        let name = "wgt" + UUID().uuidString.prefix(8).lowercased()
        try Self.leaveStaleSocket(at: backend.socketPath(name))
        defer {
            try? backend.delete(name)
            unlink(backend.socketPath(name))
        }
        #expect(try backend.status(of: name) == nil)
        #expect(try !backend.interfaces().contains(name))

        try backend.create(name)
        #expect(try backend.status(of: name)?.peers.isEmpty == true)
    }

    @Test("WireGuard's refusal carries its errno: a listen port another interface holds is EADDRINUSE")
    func refusalCarriesErrno() throws {
        let namespace = try NetworkNamespace("wg")
        let first = try WireGuardGoInterface(in: namespace)
        let second = try WireGuardGoInterface(in: namespace)
        try first.backend.apply(WireGuardChange(listenPort: 51999), to: first.name)
        let error = try #require(throws: WireGuardError.self) {
            try second.backend.apply(WireGuardChange(listenPort: 51999), to: second.name)
        }
        #expect(error.kind == .refused)
        #expect(error.errno == EADDRINUSE)
        #expect(error.interface == second.name)
    }

    @Test("a refused port is named even when the change is too big for wireguard-go to read before it answers")
    func refusalOfABigChange() throws {
        let namespace = try NetworkNamespace("wg")
        let first = try WireGuardGoInterface(in: namespace)
        let second = try WireGuardGoInterface(in: namespace)
        try first.backend.apply(WireGuardChange(listenPort: 51998), to: first.name)
        // wireguard-go stops reading at the port line, answers and closes: the rest of the request meets a closed
        // socket. 3,000 peers are far more than the socket's buffer holds.
        let peers = (0..<3000).map { index in
            WireGuardPeer(publicKey: PublicKey(bytes: [UInt8(index >> 8), UInt8(index & 0xFF)]
                                                   + [UInt8](repeating: 7, count: 30))!,
                          allowedIPs: [try! IPPrefix.parse("10.\(index >> 8).\(index & 0xFF).0/24").get()])
        }
        let error = try #require(throws: WireGuardError.self) {
            try second.backend.apply(WireGuardChange(listenPort: 51998, addedPeers: peers), to: second.name)
        }
        #expect(error.errno == EADDRINUSE, "\(error)")
    }

    @Test("a private key is never in an error, even when WireGuard refuses the change that carries it")
    func refusedKeyNotShown() throws {
        let namespace = try NetworkNamespace("wg")
        let interface = try WireGuardGoInterface(in: namespace)
        let change = WireGuardChange(privateKey: F.privateKey(3), listenPort: 70000)
        let error = try #require(throws: WireGuardError.self) {
            try interface.backend.apply(change, to: interface.name)
        }
        #expect(error.kind == .invalidChange)
        #expect(!"\(error)".contains(F.privateKey(3).base64))
    }

    /// A socket file nobody listens on, as a killed wireguard-go leaves behind.
    static func leaveStaleSocket(at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind \(path): \(String(cString: strerror(errno)))")
    }
}
