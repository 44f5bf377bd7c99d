import Compiler
import Netlink
import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

@Suite("Kernel WireGuard changes split across messages")
struct SetDeviceSplitterTests {
    static let limit = KernelSetRequest.defaultMessageLimit

    /// Peer `index`'s public key: its number in the first two bytes, so 5,000 keys differ.
    static func key(_ index: Int) -> PublicKey {
        PublicKey(bytes: [UInt8(index >> 8), UInt8(index & 0xFF)] + [UInt8](repeating: 0xAB, count: 30))!
    }

    static func peer(_ index: Int) -> WireGuardPeer {
        WireGuardPeer(publicKey: key(index), presharedKey: F.presharedKey(3),
                      endpoint: "[2001:db8::\(String(index, radix: 16))]:51820",
                      allowedIPs: [F.prefix("2001:db8:\(String(index, radix: 16))::/64"),
                                   F.prefix("10.\(index >> 8).\(index & 0xFF).0/24")],
                      persistentKeepalive: 25)
    }

    private func messages(_ change: WireGuardChange, limit: Int = limit) throws -> [WireGuardNetlinkDevice] {
        try KernelSetRequest(interface: "wg0", operation: "test", messageLimit: limit).messages(for: change)
    }

    /// The messages read back as the kernel would see them one after another, merged as a get dump is.
    private func union(_ messages: [WireGuardNetlinkDevice]) throws -> WireGuardNetlinkDevice {
        try WireGuardNetlinkCodec.device(from: messages.map { message in
            GenericNetlinkMessage(command: WireGuardNetlinkCodec.setDevice, version: WireGuardNetlinkCodec.version,
                                  attributes: try NetlinkAttribute.parse(
                                      WireGuardNetlinkCodec.setDeviceAttributes(message).bytes))
        })
    }

    @Test("5,000 added peers go in messages under 16 KiB, each full, together exactly the whole change")
    func fiveThousandPeers() throws {
        let change = WireGuardChange(privateKey: F.privateKey(1), listenPort: 51820,
                                     addedPeers: (0..<5000).map(Self.peer))
        let messages = try messages(change)
        // Each peer as it goes alone, for comparing without building one 5,000-peer message.
        let expected = try (0..<5000).flatMap { index in
            try self.messages(WireGuardChange(addedPeers: [Self.peer(index)])).flatMap(\.peers)
        }
        let peerSize = EncodedSize.peer(expected[0])

        let sizes = messages.map { WireGuardNetlinkCodec.setDeviceAttributes($0).bytes.count }
        #expect(sizes.allSatisfy { $0 <= Self.limit })
        #expect(sizes.dropLast().allSatisfy { $0 > Self.limit - peerSize }, "a message was sent with room to spare")
        let modelled = messages.map { EncodedSize.device($0) + 4 + $0.peers.map(EncodedSize.peer).reduce(0, +) }
        #expect(modelled == sizes, "the size model differs from the codec")
        #expect(messages.count > 50)

        #expect(messages.allSatisfy { $0.interfaceName == "wg0" })
        #expect(messages[0].privateKey == F.privateKey(1).storage.bytes && messages[0].listenPort == 51820)
        #expect(messages.dropFirst().allSatisfy { $0.privateKey == nil && $0.listenPort == nil })
        let sent = messages.flatMap(\.peers)
        let same = sent == expected
        #expect(same, "peers were split, lost, reordered or changed")
        #expect(expected.count == 5000)
    }

    @Test("a peer too large for one message continues its allowed IPs in the next with UPDATE_ONLY alone")
    func oversizedPeerContinues() throws {
        let prefixes = (0..<1000).map { F.prefix("2001:db8:\(String($0, radix: 16))::/48") }
        let added = WireGuardPeer(publicKey: F.publicKey(13), presharedKey: F.presharedKey(3),
                                  endpoint: "192.0.2.13:51820", allowedIPs: prefixes, persistentKeepalive: 25)
        let messages = try messages(WireGuardChange(privateKey: F.privateKey(1), removedPeers: [F.publicKey(9)],
                                                    addedPeers: [added]))

        #expect(messages.count == 3)
        #expect(messages.allSatisfy { WireGuardNetlinkCodec.setDeviceAttributes($0).bytes.count <= Self.limit })
        let first = messages[0]
        #expect(first.privateKey != nil)
        #expect(first.peers.count == 2)
        #expect(first.peers[0] == WireGuardNetlinkPeer(publicKey: F.publicKey(9).bytes, remove: true))
        let head = first.peers[1]
        #expect(head.replaceAllowedIPs && !head.updateOnly)
        #expect(head.presharedKey != nil && head.endpoint != nil && head.persistentKeepalive == 25)
        for continuation in messages.dropFirst().map(\.peers) {
            #expect(continuation.count == 1)
            #expect(continuation[0] == WireGuardNetlinkPeer(publicKey: F.publicKey(13).bytes, updateOnly: true,
                                                            allowedIPs: continuation[0].allowedIPs))
        }
        #expect(messages.flatMap { $0.peers.filter { !$0.remove }.flatMap(\.allowedIPs) } == prefixes)
        #expect(try union(messages).peers.last?.allowedIPs == prefixes)
    }

    @Test("a peer that fits in a fresh message is moved there whole rather than split", arguments: [300, 512, 700])
    func peersStayWhole(limit: Int) throws {
        let peers = (0..<40).map(Self.peer)
        let messages = try messages(WireGuardChange(addedPeers: peers), limit: limit)
        let sent = messages.flatMap(\.peers)
        #expect(sent.count == 40)
        #expect(Set(sent.map(\.publicKey)).count == 40)
        #expect(sent.allSatisfy { $0.replaceAllowedIPs && $0.allowedIPs.count == 2 })
        #expect(messages.allSatisfy { WireGuardNetlinkCodec.setDeviceAttributes($0).bytes.count <= limit })
        #expect(try union(messages).peers.count == 40)
    }

    @Test("device fields alone are one message; the first message is never empty")
    func deviceFieldsOnly() throws {
        let messages = try messages(WireGuardChange(fwmark: 7), limit: 256)
        #expect(messages == [WireGuardNetlinkDevice(interfaceName: "wg0", firewallMark: 7)])
    }
}
