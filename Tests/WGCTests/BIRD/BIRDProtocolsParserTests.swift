import Testing
@testable import BIRD

/// `show protocols all` as BIRD 2.0.12 printed it for a router with an established BGP session.
@Suite("BIRD protocols parser")
struct BIRDProtocolsParserTests {
    static let established = """
        2002-Name       Proto      Table      State  Since         Info
        1002-device1    Device     ---        up     18:59:11.501  
        1006-
        1002-peer_a     BGP        ---        up     18:59:15.608  Established   
        1006-  BGP state:          Established
             Neighbor address: 2001:db8:ff::1
             Neighbor AS:      65001
             Local AS:         65002
             Neighbor ID:      192.0.2.1
             Local capabilities
               Multiprotocol
                 AF announced: ipv6
               Route refresh
             Neighbor capabilities
               Multiprotocol
                 AF announced: ipv6
             Session:          external AS4
             Source address:   2001:db8:ff::2
             Hold timer:       205.842/240
             Keepalive timer:  70.483/80
           Channel ipv6
             State:          UP
             Table:          master6
             Preference:     100
             Input filter:   ACCEPT
             Output filter:  REJECT
             Routes:         2 imported, 0 exported, 2 preferred
             Route change stats:     received   rejected   filtered    ignored   accepted
               Import updates:              2          0          0          0          2
               Export withdraws:            0        ---        ---        ---          0
             BGP Next hop:   2001:db8:ff::2 fe80::c03f:ff:fe95:8a7d
         
        1002-nobody     BGP        ---        start  18:59:55.648  Active        Socket: Connection refused
        1006-  BGP state:          Active
             Neighbor address: 2001:db8:ff::9
             Neighbor AS:      65009
             Local AS:         65002
             Connect delay:    4.174/5
             Last error:       Socket: Connection refused
           Channel ipv6
             State:          DOWN
             Table:          master6
             Preference:     100
         
        1002-k6         Kernel     master6    up     18:56:08.167  
        1006-  Channel ipv6
             State:          UP
             Table:          master6
             Routes:         3 imported, 1 filtered, 4 exported, 2 preferred
         
        0000 
        """

    static func parse(_ text: String) throws -> [BIRDProtocolStatus] {
        let reply = try #require(try BIRDReplyParser.replies(in: text).first)
        return try #require(BIRDProtocolsParser.protocols(in: reply))
    }

    @Test("every protocol is read with its summary columns")
    func summaries() throws {
        let protocols = try Self.parse(Self.established)
        #expect(protocols.map(\.name) == ["device1", "peer_a", "nobody", "k6"])
        #expect(protocols.map(\.proto) == ["Device", "BGP", "BGP", "Kernel"])
        #expect(protocols.map(\.table) == [nil, nil, nil, "master6"])
        #expect(protocols.map(\.state) == [.up, .up, .start, .up])
        #expect(protocols.map(\.since) == ["18:59:11.501", "18:59:15.608", "18:59:55.648", "18:56:08.167"])
        #expect(protocols.map(\.info) == ["", "Established", "Active        Socket: Connection refused", ""])
        #expect(protocols[0].bgp == nil && protocols[0].channels.isEmpty)
    }

    @Test("an established session reports its neighbor, AS numbers and the routes it imported")
    func establishedSession() throws {
        let peer = try Self.parse(Self.established)[1]
        #expect(peer.bgp == BIRDProtocolStatus.BGP(
            state: "Established", neighborAddress: "2001:db8:ff::1", neighborAS: 65001, localAS: 65002,
            neighborID: "192.0.2.1", sourceAddress: "2001:db8:ff::2"))
        #expect(peer.bgp?.isEstablished == true)
        #expect(peer.channels == [.init(name: "ipv6", state: "UP", table: "master6",
                                        routes: .init(imported: 2, exported: 0, preferred: 2))])
    }

    @Test("a session that is not up reports its last error and a channel without route counts")
    func failingSession() throws {
        let peer = try Self.parse(Self.established)[2]
        #expect(peer.bgp?.state == "Active")
        #expect(peer.bgp?.lastError == "Socket: Connection refused")
        #expect(peer.bgp?.neighborID == nil)
        #expect(peer.channels == [.init(name: "ipv6", state: "DOWN", table: "master6")])
    }

    @Test("the filtered count is read when BIRD keeps filtered routes")
    func filteredRoutes() throws {
        let kernel = try Self.parse(Self.established)[3]
        #expect(kernel.channels.first?.routes == .init(imported: 3, filtered: 1, exported: 4, preferred: 2))
    }

    @Test("a long name shifts the columns and a date-and-time since keeps its space")
    func shiftedColumns() throws {
        let text = """
            2002-Name       Proto      Table      State  Since         Info
            1002-upstream_transit_one BGP        master6    up     2026-11-24 10:00:00  Established
             static_routes_v6 Static     master6    flush  2026-11-24 10:00:00  
            0000 
            """
        let protocols = try Self.parse(text)
        #expect(protocols.map(\.name) == ["upstream_transit_one", "static_routes_v6"])
        #expect(protocols.map(\.since) == ["2026-11-24 10:00:00", "2026-11-24 10:00:00"])
        #expect(protocols.map(\.info) == ["Established", ""])
        #expect(protocols[1].state == .flush)
    }
}
