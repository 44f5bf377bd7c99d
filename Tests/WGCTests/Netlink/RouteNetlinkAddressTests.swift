import Compiler
import Foundation
import Netlink
import Testing

@Suite("rtnetlink addresses", .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .timeLimit(.minutes(1)))
struct RouteNetlinkAddressTests {
    @Test("IPv4 and IPv6 addresses are added twice, listed as ip lists them, and deleted twice",
          arguments: ["10.20.30.1/24", "2001:db8:7::1/64"])
    func addressLifecycle(text: String) throws {
        let namespace = try NetworkNamespace("nl-addr")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wgc0", kind: try namespace.creatableLinkKind())
        try netlink.setLink("wgc0", up: true)
        let address = try IPPrefix.parse(text).get()

        try netlink.addAddress(address, to: "wgc0")
        try netlink.addAddress(address, to: "wgc0")

        let listed = try netlink.addresses(of: "wgc0")
        #expect(listed.filter { $0 == address }.count == 1)
        #expect(Set(listed.map(\.description)) == (try namespace.jsonAddresses("wgc0")))

        try netlink.deleteAddress(address, from: "wgc0")
        try netlink.deleteAddress(address, from: "wgc0")
        #expect(!(try netlink.addresses(of: "wgc0")).contains(address))
        #expect(!(try namespace.jsonAddresses("wgc0")).contains(text))
    }

    @Test("an IPv6 address is added with NODAD, so duplicate address detection never leaves it tentative")
    func ipv6AddressSkipsDAD() throws {
        let namespace = try NetworkNamespace("nl-dad")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wgc0", kind: try namespace.creatableLinkKind())
        try netlink.setLink("wgc0", up: true)
        try netlink.addAddress(try IPPrefix.parse("2001:db8:8::1/64").get(), to: "wgc0")
        // Whether DAD would run depends on the link kind and sysctls; the flag is what makes it never run.
        let shown = try namespace.exec(["ip", "-6", "address", "show", "dev", "wgc0"]).check("ip address").stdout
        let line = try #require(shown.split(separator: "\n").first { $0.contains("2001:db8:8::1/64") })
        #expect(line.contains("nodad"))
    }

    @Test("an address for a link that does not exist fails with ENODEV and says what was being done")
    func addressOnMissingLink() throws {
        let namespace = try NetworkNamespace("nl-nodev")
        let netlink = try RouteNetlink(namespace: namespace.name)
        let error = try #require(throws: NetlinkError.self) {
            try netlink.addAddress(try IPPrefix.parse("2001:db8::1/64").get(), to: "wg9")
        }
        #expect(error.code == ENODEV)
        #expect(error.operation == "adding 2001:db8::1/64 to wg9")
        #expect(error.description.hasPrefix("adding 2001:db8::1/64 to wg9: No such device (ENODEV)"))
        try netlink.deleteAddress(try IPPrefix.parse("2001:db8::1/64").get(), from: "wg9")
    }
}
