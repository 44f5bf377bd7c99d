import Compiler
import Netlink
import Testing

@Suite("WireGuard generic netlink messages, byte for byte")
struct WireGuardNetlinkCodecTests {
    static let key = [UInt8](repeating: 0x11, count: 32)

    static let device = WireGuardNetlinkDevice(
        interfaceName: "wg0", listenPort: 51820, replacePeers: true,
        peers: [WireGuardNetlinkPeer(
            publicKey: key, replaceAllowedIPs: true,
            endpoint: WireGuardNetlinkEndpoint(address: IPAddress("192.0.2.1")!, port: 51820),
            persistentKeepalive: 25, allowedIPs: [try! IPPrefix.parse("10.0.0.0/24").get()])])

    @Test("a set-device message lays out name, port, flags and a peer with nested allowed IPs as the kernel reads them")
    func setDeviceLayout() {
        let bytes = WireGuardNetlinkCodec.setDeviceAttributes(Self.device).bytes
        let expected: [UInt8] = [
            8, 0, 2, 0, 0x77, 0x67, 0x30, 0,  // WGDEVICE_A_IFNAME "wg0"
            6, 0, 6, 0, 0x6C, 0xCA, 0, 0,  // WGDEVICE_A_LISTEN_PORT 51820
            8, 0, 5, 0, 1, 0, 0, 0,  // WGDEVICE_A_FLAGS REPLACE_PEERS
            112, 0, 8, 0x80,  // WGDEVICE_A_PEERS, nested
            108, 0, 0, 0x80,  // peer 0, nested
            36, 0, 1, 0,  // WGPEER_A_PUBLIC_KEY
        ] + Self.key + [
            8, 0, 3, 0, 2, 0, 0, 0,  // WGPEER_A_FLAGS REPLACE_ALLOWEDIPS
            20, 0, 4, 0, 2, 0, 0xCA, 0x6C, 192, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0,  // WGPEER_A_ENDPOINT sockaddr_in
            6, 0, 5, 0, 25, 0, 0, 0,  // WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL
            32, 0, 9, 0x80,  // WGPEER_A_ALLOWEDIPS, nested
            28, 0, 0, 0x80,  // allowed IP 0, nested
            6, 0, 1, 0, 2, 0, 0, 0,  // WGALLOWEDIP_A_FAMILY AF_INET
            8, 0, 2, 0, 10, 0, 0, 0,  // WGALLOWEDIP_A_IPADDR
            5, 0, 3, 0, 24, 0, 0, 0,  // WGALLOWEDIP_A_CIDR_MASK
        ]
        #expect(bytes == expected)
    }

    @Test("an IPv6 endpoint is a 28-byte sockaddr_in6 and reads back")
    func ipv6Endpoint() throws {
        let endpoint = WireGuardNetlinkEndpoint(address: IPAddress("2001:db8::1")!, port: 443)
        let peer = WireGuardNetlinkPeer(publicKey: Self.key, endpoint: endpoint)
        let bytes = WireGuardNetlinkCodec.setDeviceAttributes(WireGuardNetlinkDevice(peers: [peer])).bytes
        let sockaddr: [UInt8] = [32, 0, 4, 0, 10, 0, 0x01, 0xBB, 0, 0, 0, 0,
                                 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
        #expect(Array(bytes[(8 + 36)...]) == sockaddr)
        let decoded = try WireGuardNetlinkCodec.device(from: [message(bytes)])
        #expect(decoded.peers == [peer])
    }

    @Test("a get-device reply reads back into the device that was set, plus what only the kernel reports")
    func decodeRoundTrip() throws {
        var writer = WireGuardNetlinkCodec.setDeviceAttributes(Self.device)
        writer.append(1, u32: 7)  // WGDEVICE_A_IFINDEX
        let decoded = try WireGuardNetlinkCodec.device(from: [message(writer.bytes)])
        var expected = Self.device
        expected.replacePeers = false  // a request flag, never reported
        expected.interfaceIndex = 7
        #expect(decoded == expected)
    }

    @Test("a peer split across dump messages is merged, and its handshake time and counters are read")
    func splitPeerAndCounters() throws {
        var first = NetlinkAttributeWriter()
        first.append(2, string: "wg0")
        first.appendNested(8) { peers in
            peers.appendNested(0) { peer in
                peer.append(1, bytes: Self.key)
                var time: [UInt8] = []
                time += withUnsafeBytes(of: Int64(1_700_000_000).littleEndian, Array.init)
                time += withUnsafeBytes(of: Int64(5).littleEndian, Array.init)
                peer.append(6, bytes: time)
                peer.append(7, u64: 1000)
                peer.append(8, u64: 2000)
                peer.appendNested(9) { $0.appendNested(0) { ip in
                    ip.append(1, u16: 10)
                    ip.append(2, bytes: [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 12))
                    ip.append(3, u8: 48)
                } }
            }
        }
        var second = NetlinkAttributeWriter()
        second.appendNested(8) { peers in
            peers.appendNested(0) { peer in
                peer.append(1, bytes: Self.key)
                peer.appendNested(9) { $0.appendNested(0) { ip in
                    ip.append(1, u16: 2)
                    ip.append(2, bytes: [10, 9, 0, 0])
                    ip.append(3, u8: 16)
                } }
            }
        }
        let device = try WireGuardNetlinkCodec.device(from: [message(first.bytes), message(second.bytes)])
        #expect(device.interfaceName == "wg0")
        let peer = try #require(device.peers.first)
        #expect(device.peers.count == 1)
        #expect(peer.allowedIPs.map(\.description) == ["2001:db8::/48", "10.9.0.0/16"])
        #expect(peer.lastHandshake == .seconds(1_700_000_000) + .nanoseconds(5))
        #expect(peer.receivedBytes == 1000)
        #expect(peer.transmittedBytes == 2000)
    }

    private func message(_ bytes: [UInt8]) throws -> GenericNetlinkMessage {
        GenericNetlinkMessage(command: WireGuardNetlinkCodec.getDevice, version: WireGuardNetlinkCodec.version,
                              attributes: try NetlinkAttribute.parse(bytes))
    }
}
