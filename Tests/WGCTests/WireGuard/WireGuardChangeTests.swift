import Compiler
import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

@Suite("WireGuard change: wg syncconf semantics")
struct WireGuardChangeTests {
    static let base = WireGuardDevice(privateKey: F.privateKey(1), listenPort: 51820, peers: [
        F.peer(10, ["2001:db8:10::/64", "10.0.0.10/32"]),
        F.peer(11, ["2001:db8:11::/64"], presharedKey: F.presharedKey(7), keepalive: 25),
        F.peer(12, ["2001:db8:12::/64"], endpoint: "[2001:db8::12]:51820"),
    ])

    /// One row: how the desired device differs from `base`, which is live, and the change that must result.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var desired: @Sendable (inout WireGuardDevice) -> Void
        var expected: WireGuardChange
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unchanged: nothing to do", desired: { _ in }, expected: WireGuardChange()),
        Case(name: "allowed IPs reordered: nothing to do",
             desired: { $0.peers[0].allowedIPs.reverse() }, expected: WireGuardChange()),
        Case(name: "host bits in allowed IPs: same network, nothing to do",
             desired: { $0.peers[0].allowedIPs[0] = F.prefix("2001:db8:10::1/64") }, expected: WireGuardChange()),
        Case(name: "peers reordered: nothing to do", desired: { $0.peers.reverse() }, expected: WireGuardChange()),
        Case(name: "no endpoint wanted: the roamed-to endpoint is left alone",
             desired: { $0.peers[2].endpoint = nil }, expected: WireGuardChange()),
        Case(name: "the same endpoint spelled differently: nothing to do",
             desired: { $0.peers[2].endpoint = "[2001:DB8:0::12]:51820" }, expected: WireGuardChange()),
        Case(name: "a peer added", desired: { $0.peers.append(F.peer(13, ["2001:db8:13::/64"])) },
             expected: WireGuardChange(addedPeers: [F.peer(13, ["2001:db8:13::/64"])])),
        Case(name: "a peer removed", desired: { $0.peers.remove(at: 1) },
             expected: WireGuardChange(removedPeers: [F.publicKey(11)])),
        Case(name: "an allowed IP added: the set is replaced as a whole",
             desired: { $0.peers[1].allowedIPs.append(F.prefix("2001:db8:99::/64")) },
             expected: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(
                 publicKey: F.publicKey(11),
                 allowedIPs: [F.prefix("2001:db8:11::/64"), F.prefix("2001:db8:99::/64")])])),
        Case(name: "keepalive changed: only the keepalive",
             desired: { $0.peers[1].persistentKeepalive = 0 },
             expected: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                          persistentKeepalive: 0)])),
        Case(name: "endpoint changed: only the endpoint",
             desired: { $0.peers[2].endpoint = "192.0.2.1:51820" },
             expected: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(12),
                                                                          endpoint: "192.0.2.1:51820")])),
        Case(name: "preshared key removed", desired: { $0.peers[1].presharedKey = nil },
             expected: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                          presharedKey: .remove)])),
        Case(name: "preshared key rotated", desired: { $0.peers[1].presharedKey = F.presharedKey(8) },
             expected: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                          presharedKey: .set(F.presharedKey(8)))])),
        Case(name: "an all-zero preshared key is no preshared key", desired: {
            $0.peers[0].presharedKey = PresharedKey(bytes: [UInt8](repeating: 0, count: 32))
        }, expected: WireGuardChange()),
        Case(name: "a peer's key rotated: the old peer goes, the new one comes",
             desired: { $0.peers[0].publicKey = F.publicKey(20) },
             expected: WireGuardChange(removedPeers: [F.publicKey(10)], addedPeers: [
                 WireGuardPeer(publicKey: F.publicKey(20), allowedIPs: [F.prefix("2001:db8:10::/64"),
                                                                        F.prefix("10.0.0.10/32")]),
             ])),
        Case(name: "the device's key rotated: only the key", desired: { $0.privateKey = F.privateKey(2) },
             expected: WireGuardChange(privateKey: F.privateKey(2))),
        Case(name: "listen port changed", desired: { $0.listenPort = 51821 },
             expected: WireGuardChange(listenPort: 51821)),
        Case(name: "no listen port wanted: the current one stays", desired: { $0.listenPort = nil },
             expected: WireGuardChange()),
        Case(name: "fwmark set", desired: { $0.fwmark = 42 }, expected: WireGuardChange(fwmark: 42)),
        Case(name: "a peer with the device's own key is left out, as WireGuard ignores it",
             desired: { $0.peers.append(WireGuardPeer(publicKey: $0.publicKey)) }, expected: WireGuardChange()),
    ]

    @Test("the change makes the live interface the desired one, and nothing more", arguments: cases)
    func change(_ row: Case) {
        var desired = Self.base
        row.desired(&desired)
        let change = WireGuardChange(from: F.live(Self.base), to: desired)
        #expect(change == row.expected)
        #expect(change.isEmpty == (row.expected == WireGuardChange()))
    }

    @Test("a fresh interface gets its key, port, mark and every peer")
    func fromNothing() {
        var desired = Self.base
        desired.fwmark = 7
        let change = WireGuardChange(from: nil, to: desired)
        #expect(change == WireGuardChange(privateKey: F.privateKey(1), listenPort: 51820, fwmark: 7,
                                          addedPeers: Self.base.peers))
    }

    @Test("an fwmark no longer wanted is cleared with 0")
    func fwmarkCleared() {
        var live = F.live(Self.base)
        live.fwmark = 9
        #expect(WireGuardChange(from: live, to: Self.base) == WireGuardChange(fwmark: 0))
    }

    @Test("removing every peer removes each by key, in the live order")
    func removeAll() {
        var desired = Self.base
        desired.peers = []
        #expect(WireGuardChange(from: F.live(Self.base), to: desired).removedPeers == Self.base.peers.map(\.publicKey))
    }

    @Test("a key listed twice: wanted, the last entry wins in the first one's place; live, it is one peer")
    func repeatedKeys() {
        var desired = Self.base
        desired.peers.insert(F.peer(12, ["2001:db8:99::/64"]), at: 0)  // peer 12 first, then again at the end
        let change = WireGuardChange(from: F.live(Self.base), to: desired)
        #expect(change == WireGuardChange())  // the last entry of 12 is what is live
        desired.peers.append(F.peer(10, ["2001:db8:77::/64"]))
        #expect(WireGuardChange(from: F.live(Self.base), to: desired).updatedPeers
                    == [WireGuardPeerUpdate(publicKey: F.publicKey(10), allowedIPs: [F.prefix("2001:db8:77::/64")])])

        var live = F.live(Self.base)
        live.peers.append(live.peers[0])  // peer 10 reported twice
        #expect(WireGuardChange(from: live, to: Self.base) == WireGuardChange(), "wanted: neither entry is removed")
        var without = Self.base
        without.peers.remove(at: 0)
        #expect(WireGuardChange(from: live, to: without).removedPeers == [F.publicKey(10), F.publicKey(10)],
                "unwanted: every entry is removed")
    }

    @Test("thousands of peers (compared in parts at once): every removal, addition and update, in order")
    func manyPeers() {
        func key(_ number: Int) -> PublicKey {
            PublicKey(KeyBytes((0..<32).map { UInt8(truncatingIfNeeded: number >> (8 * ($0 % 4))) &+ UInt8($0) })!)
        }
        func peer(_ number: Int, keepalive: Int = 0) -> WireGuardPeer {
            WireGuardPeer(publicKey: key(number), allowedIPs: [F.prefix("10.\(number / 256).\(number % 256).0/24")],
                          persistentKeepalive: keepalive)
        }
        let live = (0..<2_400).map { WireGuardPeerStatus(peer: peer($0)) }
        var desired: [WireGuardPeer] = []
        for number in 0..<2_400 where number % 500 != 0 {
            desired.append(peer(number, keepalive: number % 300 == 7 ? 25 : 0))
            if number % 700 == 1 { desired.append(peer(10_000 + number)) }
        }
        let change = WireGuardChange(from: WireGuardDeviceStatus(privateKey: F.privateKey(1), peers: live),
                                     to: WireGuardDevice(privateKey: F.privateKey(1), peers: desired))
        #expect(change.removedPeers == [0, 500, 1000, 1500, 2000].map(key))
        #expect(change.addedPeers.map(\.publicKey) == [1, 701, 1401, 2101].map { key(10_000 + $0) })
        #expect(change.updatedPeers.map(\.publicKey) == (0..<2_400).filter { $0 % 300 == 7 }.map(key))
        #expect(change.updatedPeers.allSatisfy { $0.persistentKeepalive == 25 && $0.allowedIPs == nil })
    }

    @Test("a change's description names peers by public key and never shows a secret")
    func descriptionHidesSecrets() {
        var desired = Self.base
        desired.privateKey = F.privateKey(2)
        desired.peers[1].presharedKey = F.presharedKey(8)
        desired.peers.append(F.peer(13, ["2001:db8:13::/64"], presharedKey: F.presharedKey(9)))
        let text = WireGuardChange(from: F.live(Self.base), to: desired).description
        #expect(text.contains(F.publicKey(13).base64))
        for secret in [F.privateKey(2).base64, F.presharedKey(8).base64, F.presharedKey(9).base64] {
            #expect(!text.contains(secret))
        }
        #expect("\(F.privateKey(2))" == "(private key)")
        #expect(String(reflecting: F.presharedKey(8)) == "(preshared key)")
    }
}
