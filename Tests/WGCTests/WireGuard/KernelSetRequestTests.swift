import Compiler
import Netlink
import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

@Suite("Kernel WireGuard set-device messages")
struct KernelSetRequestTests {
    /// A change and the one message it must become.
    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var change: WireGuardChange
        var expected: WireGuardNetlinkDevice
    }

    static let psk = F.presharedKey(3)
    static let zeros = [UInt8](repeating: 0, count: 32)

    static func device(privateKey: [UInt8]? = nil, listenPort: UInt16? = nil, firewallMark: UInt32? = nil,
                       peers: [WireGuardNetlinkPeer] = []) -> WireGuardNetlinkDevice {
        WireGuardNetlinkDevice(interfaceName: "wg0", privateKey: privateKey, listenPort: listenPort,
                               firewallMark: firewallMark, peers: peers)
    }

    static func endpoint(_ address: String, _ port: UInt16) -> WireGuardNetlinkEndpoint {
        WireGuardNetlinkEndpoint(address: IPAddress(address)!, port: port)
    }

    static let cases: [Case] = [
        Case(testDescription: "an added peer carries every field it has and replaces any allowed IPs it had",
             change: WireGuardChange(addedPeers: [F.peer(13, ["2001:db8:13::/64", "10.13.0.0/16"], presharedKey: psk,
                                                         endpoint: "[2001:DB8::13]:51820", keepalive: 25)]),
             expected: device(peers: [WireGuardNetlinkPeer(
                publicKey: F.publicKey(13).bytes, presharedKey: psk.storage.bytes, replaceAllowedIPs: true,
                endpoint: endpoint("2001:db8::13", 51820), persistentKeepalive: 25,
                allowedIPs: [F.prefix("2001:db8:13::/64"), F.prefix("10.13.0.0/16")])])),
        Case(testDescription: "an added peer without preshared key, endpoint or keepalive sends none of them",
             change: WireGuardChange(addedPeers: [F.peer(14, ["2001:db8:14::/64"])]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(14).bytes, replaceAllowedIPs: true,
                                                           allowedIPs: [F.prefix("2001:db8:14::/64")])])),
        Case(testDescription: "a removed peer is its key and REMOVE_ME",
             change: WireGuardChange(removedPeers: [F.publicKey(9)]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(9).bytes, remove: true)])),
        Case(testDescription: "a keepalive change is UPDATE_ONLY and the keepalive, nothing else",
             change: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        persistentKeepalive: 0)]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes, updateOnly: true,
                                                           persistentKeepalive: 0)])),
        Case(testDescription: "changed allowed IPs replace the old ones, and only then is REPLACE_ALLOWEDIPS sent",
             change: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        allowedIPs: [F.prefix("10.0.0.0/24")])]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes, replaceAllowedIPs: true,
                                                           updateOnly: true, allowedIPs: [F.prefix("10.0.0.0/24")])])),
        Case(testDescription: "allowed IPs changed to none replace them with an empty list",
             change: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11), allowedIPs: [])]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes, replaceAllowedIPs: true,
                                                           updateOnly: true)])),
        Case(testDescription: "a new preshared key is sent as its 32 bytes",
             change: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        presharedKey: .set(psk))]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes,
                                                           presharedKey: psk.storage.bytes, updateOnly: true)])),
        Case(testDescription: "a removed preshared key is cleared with 32 zero bytes",
             change: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        presharedKey: .remove)]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes, presharedKey: zeros,
                                                           updateOnly: true)])),
        Case(testDescription: "a changed endpoint is a sockaddr",
             change: WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        endpoint: "192.0.2.7:4500")]),
             expected: device(peers: [WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes, updateOnly: true,
                                                           endpoint: endpoint("192.0.2.7", 4500))])),
        Case(testDescription: "a new private key and port are device fields, clamped as the kernel keeps them",
             change: WireGuardChange(privateKey: F.privateKey(1), listenPort: 51821),
             expected: device(privateKey: F.privateKey(1).storage.bytes, listenPort: 51821)),
        Case(testDescription: "fwmark 0 is sent, since it removes the mark",
             change: WireGuardChange(fwmark: 0),
             expected: device(firewallMark: 0)),
        Case(testDescription: "removals, then updates, then additions, after the device fields",
             change: WireGuardChange(listenPort: 1, removedPeers: [F.publicKey(9)], addedPeers: [F.peer(13, [])],
                                     updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        persistentKeepalive: 5)]),
             expected: device(listenPort: 1, peers: [
                WireGuardNetlinkPeer(publicKey: F.publicKey(9).bytes, remove: true),
                WireGuardNetlinkPeer(publicKey: F.publicKey(11).bytes, updateOnly: true, persistentKeepalive: 5),
                WireGuardNetlinkPeer(publicKey: F.publicKey(13).bytes, replaceAllowedIPs: true),
             ])),
    ]

    private func messages(_ change: WireGuardChange) throws -> [WireGuardNetlinkDevice] {
        try KernelSetRequest(interface: "wg0", operation: "applying a change").messages(for: change)
    }

    @Test("a change becomes exactly the set-device fields the UAPI path would send", arguments: cases)
    func conversion(_ testCase: Case) throws {
        #expect(try messages(testCase.change) == [testCase.expected])
    }

    @Test("an empty change sends nothing")
    func emptyChange() throws {
        #expect(try messages(WireGuardChange()).isEmpty)
    }

    @Test("a removal and a keepalive update encode byte for byte as linux/wireguard.h lays them out")
    func removalAndKeepaliveBytes() throws {
        let change = WireGuardChange(removedPeers: [F.publicKey(9)], updatedPeers: [
            WireGuardPeerUpdate(publicKey: F.publicKey(11), persistentKeepalive: 25)])
        let bytes = WireGuardNetlinkCodec.setDeviceAttributes(try #require(try messages(change).first)).bytes
        let expected: [UInt8] = [8, 0, 2, 0, 0x77, 0x67, 0x30, 0]  // WGDEVICE_A_IFNAME "wg0"
            + [108, 0, 8, 0x80]  // WGDEVICE_A_PEERS, nested: 4 + 48 + 56
            + [48, 0, 0, 0x80] + [36, 0, 1, 0] + F.publicKey(9).bytes  // peer 0: WGPEER_A_PUBLIC_KEY
            + [8, 0, 3, 0, 1, 0, 0, 0]  // WGPEER_A_FLAGS WGPEER_F_REMOVE_ME
            + [56, 0, 0, 0x80] + [36, 0, 1, 0] + F.publicKey(11).bytes  // peer 1
            + [8, 0, 3, 0, 4, 0, 0, 0]  // WGPEER_A_FLAGS WGPEER_F_UPDATE_ONLY
            + [6, 0, 5, 0, 25, 0, 0, 0]  // WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL 25
        #expect(bytes == expected)
    }

    @Test("a new key, port and mark with a peer's preshared key and allowed IPs cleared encode byte for byte")
    func deviceFieldsAndClearedPeerBytes() throws {
        let change = WireGuardChange(privateKey: F.privateKey(1), listenPort: 51820, fwmark: 0x1234, updatedPeers: [
            WireGuardPeerUpdate(publicKey: F.publicKey(11), presharedKey: .remove, allowedIPs: [])])
        let bytes = WireGuardNetlinkCodec.setDeviceAttributes(try #require(try messages(change).first)).bytes
        let expected: [UInt8] = [8, 0, 2, 0, 0x77, 0x67, 0x30, 0]  // WGDEVICE_A_IFNAME "wg0"
            + [36, 0, 3, 0] + F.privateKey(1).storage.bytes  // WGDEVICE_A_PRIVATE_KEY
            + [6, 0, 6, 0, 0x6C, 0xCA, 0, 0]  // WGDEVICE_A_LISTEN_PORT 51820, host order
            + [8, 0, 7, 0, 0x34, 0x12, 0, 0]  // WGDEVICE_A_FWMARK
            + [92, 0, 8, 0x80]  // WGDEVICE_A_PEERS, nested: 4 + 88
            + [88, 0, 0, 0x80] + [36, 0, 1, 0] + F.publicKey(11).bytes  // peer 0: WGPEER_A_PUBLIC_KEY
            + [36, 0, 2, 0] + Self.zeros  // WGPEER_A_PRESHARED_KEY, all zero: none
            + [8, 0, 3, 0, 6, 0, 0, 0]  // WGPEER_A_FLAGS REPLACE_ALLOWEDIPS | UPDATE_ONLY
            + [4, 0, 9, 0x80]  // WGPEER_A_ALLOWEDIPS, nested and empty
        #expect(bytes == expected)
    }

    @Test("values the kernel cannot take are refused before anything is sent, without echoing keys",
          arguments: [
            WireGuardChange(listenPort: 70000),
            WireGuardChange(privateKey: F.privateKey(1), fwmark: -1),
            WireGuardChange(addedPeers: [F.peer(13, [], presharedKey: psk, endpoint: "vpn.example.net:51820")]),
            WireGuardChange(addedPeers: [F.peer(13, [], endpoint: "2001:db8::1:51820")]),
            WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                               persistentKeepalive: 65536)]),
          ])
    func invalidChanges(_ change: WireGuardChange) throws {
        let error = try #require(throws: WireGuardError.self) { try messages(change) }
        #expect(error.kind == .invalidChange)
        #expect(error.interface == "wg0")
        #expect(!error.description.contains(F.privateKey(1).base64))
        #expect(!error.description.contains(Self.psk.base64))
    }
}
