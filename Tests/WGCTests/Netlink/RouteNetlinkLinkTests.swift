import Foundation
import Netlink
import Testing

@Suite("rtnetlink links", .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .timeLimit(.minutes(1)))
struct RouteNetlinkLinkTests {
    @Test("a dummy link is created, set to MTU 1380 and up, read back as ip sees it, and deleted")
    func dummyLinkLifecycle() throws {
        let namespace = try NetworkNamespace("nl-link")
        let netlink = try RouteNetlink(namespace: namespace.name)
        let kind = try namespace.creatableLinkKind()

        try netlink.createLink(name: "wgc0", kind: kind)
        try netlink.createLink(name: "wgc0", kind: kind)
        try netlink.setLink("wgc0", mtu: 1380, up: true)

        let link = try #require(try netlink.link(named: "wgc0"))
        #expect(link.mtu == 1380)
        #expect(link.isUp)
        #expect(link.kind == kind)
        let seen = try #require(try namespace.jsonLink("wgc0"))
        #expect(link.index == seen.ifindex)
        #expect(seen.mtu == 1380)
        #expect(seen.flags.contains("UP"))
        #expect(seen.linkinfo?.info_kind == kind)
        #expect(try netlink.links().map(\.name) == ["lo", "wgc0"])

        try netlink.setLink("wgc0", up: false)
        #expect(try netlink.link(named: "wgc0")?.isUp == false)
        #expect(try netlink.link(named: "wgc0")?.mtu == 1380)

        try netlink.deleteLink(name: "wgc0")
        try netlink.deleteLink(name: "wgc0")
        #expect(try netlink.link(named: "wgc0") == nil)
    }

    @Test("creating a link whose name is taken by another kind names the kind it has")
    func createOverOtherKind() throws {
        let namespace = try NetworkNamespace("nl-kind")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wgc0", kind: "veth")
        let error = try #require(throws: NetlinkError.self) {
            try netlink.createLink(name: "wgc0", kind: try namespace.creatableLinkKind())
        }
        #expect(error.code == EEXIST)
        #expect(error.description.contains("link wgc0: File exists (EEXIST): wgc0 exists as a veth"))
    }

    @Test("a socket opened in a namespace sees that namespace's links, not the host's")
    func socketStaysInItsNamespace() throws {
        let namespace = try NetworkNamespace("nl-ns")
        let netlink = try RouteNetlink(namespace: namespace.name)
        #expect(try netlink.links().map(\.name) == ["lo"])
        #expect(try netlink.link(named: "lo")?.kind == nil)
    }
}
