import Foundation
import Netlink
import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

/// Whether this machine's kernel has WireGuard; the build machines do not, so the kernel path can only be seen
/// failing cleanly here.
private let kernelHasWireGuard = FileManager.default.fileExists(atPath: "/sys/module/wireguard")

@Suite("Kernel WireGuard on a machine without the module",
       .enabled(if: !kernelHasWireGuard, "the kernel has WireGuard here"),
       .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .timeLimit(.minutes(1)))
struct KernelWireGuardTests {
    private func expectNoKernelWireGuard(_ body: () throws -> Void) throws {
        let error = try #require(throws: WireGuardError.self, performing: body)
        #expect(error.kind == .system)
        #expect(error.errno == ENOENT)
        #expect(error.description.contains("the kernel has no WireGuard"))
        #expect(error.description.contains("wireguard-go"))
        #expect(!error.description.contains(F.privateKey(1).base64))
    }

    @Test("reading a status says the kernel has no WireGuard, rather than that the interface is missing")
    func statusFailsClearly() throws {
        let namespace = try NetworkNamespace("kwg-status")
        let backend = KernelWireGuard(namespace: namespace.name)
        try expectNoKernelWireGuard { _ = try backend.status(of: "wg0") }
    }

    @Test("applying and creating fail the same way, and create leaves no link behind")
    func applyAndCreateFailClearly() throws {
        let namespace = try NetworkNamespace("kwg-create")
        let backend = KernelWireGuard(namespace: namespace.name)
        try expectNoKernelWireGuard { try backend.apply(WireGuardChange(privateKey: F.privateKey(1)), to: "wg0") }
        try expectNoKernelWireGuard { try backend.create("wg0") }
        #expect(try RouteNetlink(namespace: namespace.name).link(named: "wg0") == nil)
    }

    @Test("a change the kernel could not take is refused before the kernel is asked")
    func invalidChangeFirst() throws {
        let backend = KernelWireGuard()
        let change = WireGuardChange(addedPeers: [F.peer(13, [], endpoint: "vpn.example.net:51820")])
        let error = try #require(throws: WireGuardError.self) { try backend.apply(change, to: "wg0") }
        #expect(error.kind == .invalidChange)
        let badName = try #require(throws: WireGuardError.self) { try backend.status(of: "wg0/../x") }
        #expect(badName.kind == .invalidName)
    }

    @Test("links of other kinds are not listed and not deleted; deleting a missing interface succeeds")
    func otherLinksAreLeftAlone() throws {
        let namespace = try NetworkNamespace("kwg-links")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wg0", kind: try namespace.creatableLinkKind())
        let backend = KernelWireGuard(namespace: namespace.name)

        #expect(try backend.interfaces() == [])
        try backend.delete("wg0")
        try backend.delete("wg9")
        #expect(try netlink.link(named: "wg0") != nil)
    }
}

@Suite("Choosing a WireGuard backend")
struct WireGuardBackendChoiceTests {
    @Test("on a machine whose kernel has no WireGuard, wireguard-go is chosen and the log line says why")
    func automaticChoice() throws {
        let choice = WireGuardBackends.automatic(socketDirectory: "/tmp/wgc-choice", wireguardGo: ["wg-go"])
        // Asking may load an installed module, so look afterwards.
        if FileManager.default.fileExists(atPath: "/sys/module/wireguard") {
            #expect(choice.kind == .kernel)
            #expect(choice.backend is KernelWireGuard)
            return
        }
        #expect(choice.kind == .userspace)
        let userspace = try #require(choice.backend as? UserspaceWireGuard)
        #expect(userspace.socketDirectory == "/tmp/wgc-choice")
        #expect(userspace.wireguardGo == ["wg-go"])
        #expect(choice.description.hasPrefix("userspace (wireguard-go): the kernel has no WireGuard"))
    }

    @Test("the kernel backend is chosen when the kernel answers for WireGuard")
    func kernelChosen() throws {
        let choice = WireGuardBackends.choose(kernel: KernelWireGuard(namespace: "router1"),
                                              userspace: UserspaceWireGuard(), kernelSupport: {})
        #expect(choice.kind == .kernel)
        #expect((choice.backend as? KernelWireGuard)?.namespace == "router1")
        #expect(choice.description == "kernel: the kernel answers for WireGuard's generic netlink family")
    }

    @Test("any failure to reach the kernel's WireGuard falls back to wireguard-go, with the failure as the reason")
    func fallback() throws {
        let failure = WireGuardError(.system, interface: "-", operation: "checking for kernel WireGuard",
                                     message: "opening a netlink socket: Permission denied", errno: EACCES)
        let choice = WireGuardBackends.choose(kernel: KernelWireGuard(), userspace: UserspaceWireGuard(),
                                              kernelSupport: { throw failure })
        #expect(choice.kind == .userspace)
        #expect(choice.reason == "opening a netlink socket: Permission denied")
    }
}
