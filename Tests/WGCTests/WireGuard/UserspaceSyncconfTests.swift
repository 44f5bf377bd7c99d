import Compiler
import Foundation
import Testing
import WireGuard

private typealias F = WireGuardFixtures

@Suite("Userspace WireGuard keeps live sessions across changes",
       .enabled(if: WireGuardGoInterface.requirements && Programs.available("ping"), WireGuardGoInterface.skipReason))
struct UserspaceSyncconfTests {
    /// Server and client in two namespaces joined by a veth, a tunnel that has pinged once, and the server's device.
    struct Tunnel {
        var server: WireGuardGoInterface
        var client: WireGuardGoInterface
        var serverDevice: WireGuardDevice
        var clientKey: PublicKey

        func ping() throws -> Programs.Output {
            try client.namespace.exec(["ping", "-6", "-c", "1", "-W", "5", "fd00:99::1"], timeout: 15)
        }

        func clientSession() throws -> WireGuardPeerStatus {
            try #require(try server.status().peer(clientKey))
        }
    }

    static func tunnel(_ serverNamespace: NetworkNamespace, _ clientNamespace: NetworkNamespace) throws -> Tunnel {
        try NetworkNamespace.link(serverNamespace, "veth-s", clientNamespace, "veth-c")
        try serverNamespace.address("veth-s", "fd00:1::1/64")
        try clientNamespace.address("veth-c", "fd00:1::2/64")

        let server = try WireGuardGoInterface(in: serverNamespace)
        let client = try WireGuardGoInterface(in: clientNamespace)
        let serverDevice = WireGuardDevice(privateKey: F.privateKey(1), listenPort: 51820, peers: [
            WireGuardPeer(publicKey: F.publicKey(2), allowedIPs: [F.prefix("fd00:99::2/128")]),
            F.peer(30, ["fd00:99::30/128"], keepalive: 25),
            F.peer(31, ["fd00:99::31/128"]),
        ])
        try server.sync(to: serverDevice)
        try client.sync(to: WireGuardDevice(privateKey: F.privateKey(2), peers: [
            WireGuardPeer(publicKey: F.publicKey(1), endpoint: "[fd00:1::1]:51820",
                          allowedIPs: [F.prefix("fd00:99::/64")]),
        ]))
        try server.up(address: "fd00:99::1/64")
        try client.up(address: "fd00:99::2/64")
        return Tunnel(server: server, client: client, serverDevice: serverDevice, clientKey: F.publicKey(2))
    }

    @Test("adding one peer and changing another leaves the client's session, counters and tunnel as they were")
    func unchangedPeerKeepsItsSession() throws {
        let serverNamespace = try NetworkNamespace("wgs")
        let clientNamespace = try NetworkNamespace("wgc")
        let tunnel = try Self.tunnel(serverNamespace, clientNamespace)
        try tunnel.ping().check("ping through the tunnel")
        let before = try tunnel.clientSession()
        let handshake = try #require(before.lastHandshake)
        #expect(before.receivedBytes > 0 && before.sentBytes > 0)

        var desired = tunnel.serverDevice
        desired.peers[1].allowedIPs.append(F.prefix("fd00:99:30::/64"))
        desired.peers[1].persistentKeepalive = 0
        desired.peers.append(F.peer(32, ["fd00:99::32/128"]))
        let change = try tunnel.server.sync(to: desired)
        #expect(change == WireGuardChange(
            addedPeers: [F.peer(32, ["fd00:99::32/128"])],
            updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(30), persistentKeepalive: 0,
                                               allowedIPs: desired.peers[1].allowedIPs)]))

        let after = try tunnel.clientSession()
        #expect(after.lastHandshake == handshake)
        #expect(after.receivedBytes >= before.receivedBytes && after.sentBytes >= before.sentBytes)
        #expect(Set(try tunnel.server.status().peers.map(\.peer)) == Set(desired.peers.map { peer in
            var live = peer
            if peer.publicKey == tunnel.clientKey { live.endpoint = after.peer.endpoint }
            return live
        }))

        try tunnel.ping().check("ping after the change")
        let afterPing = try tunnel.clientSession()
        #expect(afterPing.lastHandshake == handshake, "the session was not renegotiated")
        #expect(afterPing.receivedBytes > after.receivedBytes)
    }

    @Test("removing a peer removes it, and the client's tunnel still carries traffic")
    func removingAPeerLeavesTheOthers() throws {
        let serverNamespace = try NetworkNamespace("wgs")
        let clientNamespace = try NetworkNamespace("wgc")
        let tunnel = try Self.tunnel(serverNamespace, clientNamespace)
        try tunnel.ping().check("ping through the tunnel")
        let handshake = try tunnel.clientSession().lastHandshake

        var desired = tunnel.serverDevice
        desired.peers.removeAll { $0.publicKey == F.publicKey(31) }
        #expect(try tunnel.server.sync(to: desired) == WireGuardChange(removedPeers: [F.publicKey(31)]))
        #expect(try tunnel.server.status().peer(F.publicKey(31)) == nil)
        #expect(try tunnel.server.status().peers.count == 2)

        try tunnel.ping().check("ping after the removal")
        #expect(try tunnel.clientSession().lastHandshake == handshake)
    }

    @Test("the endpoint a peer roamed to survives a sync whose peer has no endpoint")
    func roamedEndpointSurvives() throws {
        let serverNamespace = try NetworkNamespace("wgs")
        let clientNamespace = try NetworkNamespace("wgc")
        let tunnel = try Self.tunnel(serverNamespace, clientNamespace)
        try tunnel.ping().check("ping through the tunnel")
        let roamed = try #require(try tunnel.clientSession().peer.endpoint)
        #expect(roamed.hasPrefix("[fd00:1::2]:"), "the client's veth address")

        #expect(try tunnel.server.sync(to: tunnel.serverDevice).isEmpty)
        #expect(try tunnel.clientSession().peer.endpoint == roamed)
    }
}
