import Foundation
import Netlink
import Testing

@Suite("generic netlink families", .timeLimit(.minutes(1)))
struct GenericNetlinkTests {
    @Test("the controller resolves its own family, nlctrl, to its fixed id")
    func controllerFamily() throws {
        let netlink = try GenericNetlink()
        #expect(try netlink.family(named: "nlctrl") == 0x10)
    }

    @Test("a family the kernel lacks (wireguard without its module) is a clean ENOENT naming the family")
    func missingFamily() throws {
        let netlink = try GenericNetlink()
        let error = try #require(throws: NetlinkError.self) { try netlink.family(named: "wgcnofamily") }
        #expect(error.code == ENOENT)
        #expect(error.operation == "resolving generic netlink family wgcnofamily")
    }

    @Test("wireguard resolves where the module is loaded and is ENOENT where it is not")
    func wireguardFamily() throws {
        let netlink = try GenericNetlink()
        let moduleLoaded = FileManager.default.fileExists(atPath: "/sys/module/wireguard")
        do {
            let id = try netlink.family(named: "wireguard")
            #expect(moduleLoaded, "wireguard resolved to \(id) without /sys/module/wireguard")
        } catch {
            #expect(!moduleLoaded)
            #expect(error.code == ENOENT)
        }
    }
}
