import Compiler
import Foundation
import Netlink
import Testing

@Suite("rtnetlink routes", .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .timeLimit(.minutes(1)))
struct RouteNetlinkRouteTests {
    @Test("a route through a link carries wgc's protocol, agrees with ip, is replaced idempotently and deleted",
          arguments: [("192.0.2.0/24", "-4"), ("2001:db8:40::/48", "-6")])
    func routeLifecycle(text: String, familyFlag: String) throws {
        let namespace = try NetworkNamespace("nl-route")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wgc0", kind: try namespace.creatableLinkKind())
        try netlink.setLink("wgc0", up: true)
        let destination = try IPPrefix.parse(text).get()

        try netlink.addRoute(destination, interface: "wgc0")
        try netlink.addRoute(destination, interface: "wgc0")

        let ours = try netlink.routes().filter { $0.destination == destination }
        #expect(ours.count == 1)
        #expect(ours.first?.protocol == RouteNetlink.wgcProtocol)
        #expect(ours.first?.interfaceName == "wgc0")
        #expect(ours.first?.table == Route.mainTable)
        let shown = try namespace.jsonRoutes([familyFlag, "route", "show", "proto", "240"])
        #expect(shown.map(\.dst) == [text])
        #expect(shown.first?.dev == "wgc0")

        try netlink.deleteRoute(destination, interface: "wgc0")
        try netlink.deleteRoute(destination, interface: "wgc0")
        #expect(try netlink.routes().filter { $0.destination == destination }.isEmpty)
        #expect(try namespace.jsonRoutes([familyFlag, "route", "show", "proto", "240"]).isEmpty)
    }

    @Test("a route someone added by hand is listed with its own protocol and is not deleted as wgc's")
    func foreignRoute() throws {
        let namespace = try NetworkNamespace("nl-foreign")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wgc0", kind: try namespace.creatableLinkKind())
        try netlink.setLink("wgc0", up: true)
        try namespace.exec(["ip", "-6", "route", "add", "2001:db8:50::/48", "dev", "wgc0", "proto", "static"])
            .check("ip route add")
        try namespace.exec(["ip", "route", "add", "198.51.100.0/24", "dev", "wgc0"]).check("ip route add")
        let destination = try IPPrefix.parse("2001:db8:50::/48").get()

        let routes = try netlink.routes()
        #expect(routes.first { $0.destination == destination }?.protocol == .static)
        #expect(routes.first { $0.destination.description == "198.51.100.0/24" }?.protocol == .boot)

        try netlink.deleteRoute(destination, interface: "wgc0")
        #expect(try netlink.routes().contains { $0.destination == destination })
        try netlink.deleteRoute(destination, interface: "wgc0", protocol: .static)
        #expect(!(try netlink.routes().contains { $0.destination == destination }))
    }

    @Test("a route with a gateway and metric reads back with both")
    func gatewayAndMetric() throws {
        let namespace = try NetworkNamespace("nl-gw")
        let netlink = try RouteNetlink(namespace: namespace.name)
        try netlink.createLink(name: "wgc0", kind: try namespace.creatableLinkKind())
        try netlink.setLink("wgc0", up: true)
        try netlink.addAddress(try IPPrefix.parse("2001:db8:60::1/64").get(), to: "wgc0")
        let gateway = try #require(IPAddress("2001:db8:60::2"))
        let destination = try IPPrefix.parse("2001:db8:61::/48").get()

        try netlink.addRoute(destination, interface: "wgc0", gateway: gateway, metric: 77)

        let route = try #require(try netlink.routes().first { $0.destination == destination })
        #expect(route.gateway == gateway)
        #expect(route.metric == 77)
        try netlink.deleteRoute(destination, metric: 77)
        #expect(!(try netlink.routes().contains { $0.destination == destination }))
    }
}
