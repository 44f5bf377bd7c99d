import Compiler
import Foundation
import Netlink
import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

@Suite("Kernel WireGuard status from a get-device reply")
struct KernelStatusTests {
    /// One peer's attributes as the kernel dumps them (`wg_get_device_dump`); allowed IPs as (family, address, mask).
    private static func peer(_ writer: inout NetlinkAttributeWriter, key: [UInt8], presharedKey: [UInt8],
                             endpoint sockaddr: [UInt8]? = nil, keepalive: UInt16 = 0, handshake: (Int64, Int64),
                             received: UInt64 = 0, sent: UInt64 = 0, allowedIPs: [(UInt16, [UInt8], UInt8)]) {
        writer.appendNested(0) { peer in
            peer.append(1, bytes: key)  // WGPEER_A_PUBLIC_KEY
            peer.append(2, bytes: presharedKey)  // WGPEER_A_PRESHARED_KEY, zeros when none
            if let sockaddr { peer.append(4, bytes: sockaddr) }  // WGPEER_A_ENDPOINT
            peer.append(5, u16: keepalive)  // WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL
            var time: [UInt8] = []  // WGPEER_A_LAST_HANDSHAKE_TIME, struct __kernel_timespec
            time += withUnsafeBytes(of: handshake.0.littleEndian, Array.init)
            time += withUnsafeBytes(of: handshake.1.littleEndian, Array.init)
            peer.append(6, bytes: time)
            peer.append(7, u64: received)  // WGPEER_A_RX_BYTES
            peer.append(8, u64: sent)  // WGPEER_A_TX_BYTES
            peer.append(10, u32: 1)  // WGPEER_A_PROTOCOL_VERSION
            peer.appendNested(9) { list in  // WGPEER_A_ALLOWEDIPS
                for (family, address, mask) in allowedIPs {
                    list.appendNested(0) { ip in
                        ip.append(1, u16: family)
                        ip.append(2, bytes: address)
                        ip.append(3, u8: mask)
                    }
                }
            }
        }
    }

    private static let v6Net: [UInt8] = [0x20, 0x01, 0x0D, 0xB8, 0, 0x0B] + [UInt8](repeating: 0, count: 10)

    /// A two-message dump of a device with two peers, the second peer's allowed IPs continuing in message two.
    private static func reply() throws -> [GenericNetlinkMessage] {
        var first = NetlinkAttributeWriter()
        first.append(1, u32: 7)  // WGDEVICE_A_IFINDEX
        first.append(2, string: "wg0")  // WGDEVICE_A_IFNAME
        first.append(3, bytes: F.privateKey(1).storage.bytes)  // WGDEVICE_A_PRIVATE_KEY
        first.append(4, bytes: F.publicKey(1).bytes)  // WGDEVICE_A_PUBLIC_KEY
        first.append(6, u16: 51820)  // WGDEVICE_A_LISTEN_PORT
        first.append(7, u32: 0x1234)  // WGDEVICE_A_FWMARK
        first.appendNested(8) { peers in  // WGDEVICE_A_PEERS
            peer(&peers, key: F.publicKey(11).bytes, presharedKey: F.presharedKey(3).storage.bytes,
                 endpoint: [10, 0, 0xCA, 0x6C, 0, 0, 0, 0, 0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11)
                    + [0x0B, 0, 0, 0, 0],
                 keepalive: 25, handshake: (1_700_000_000, 250_000_000), received: 1000, sent: 2000,
                 allowedIPs: [(10, v6Net, 64)])
            peer(&peers, key: F.publicKey(12).bytes, presharedKey: [UInt8](repeating: 0, count: 32),
                 endpoint: [2, 0, 0x11, 0x94, 192, 0, 2, 12, 0, 0, 0, 0, 0, 0, 0, 0], handshake: (0, 0),
                 allowedIPs: [(2, [10, 12, 0, 0], 16)])
        }
        var second = NetlinkAttributeWriter()
        second.append(2, string: "wg0")
        second.appendNested(8) { peers in
            peer(&peers, key: F.publicKey(12).bytes, presharedKey: [UInt8](repeating: 0, count: 32), handshake: (0, 0),
                 allowedIPs: [(10, [0x20, 0x01, 0x0D, 0xB8, 0, 0x0C] + [UInt8](repeating: 0, count: 10), 48)])
        }
        return try [first, second].map { writer in
            GenericNetlinkMessage(command: WireGuardNetlinkCodec.getDevice, version: WireGuardNetlinkCodec.version,
                                  attributes: try NetlinkAttribute.parse(writer.bytes))
        }
    }

    /// What wireguard-go answers to `get=1` for the same device.
    private static let uapiReply = """
        private_key=\(F.privateKey(1).storage.hex)
        listen_port=51820
        fwmark=4660
        public_key=\(F.publicKey(11).hex)
        preshared_key=\(F.presharedKey(3).storage.hex)
        protocol_version=1
        endpoint=[2001:db8::b]:51820
        last_handshake_time_sec=1700000000
        last_handshake_time_nsec=250000000
        tx_bytes=2000
        rx_bytes=1000
        persistent_keepalive_interval=25
        allowed_ip=2001:db8:b::/64
        public_key=\(F.publicKey(12).hex)
        preshared_key=\(String(repeating: "0", count: 64))
        protocol_version=1
        endpoint=192.0.2.12:4500
        last_handshake_time_sec=0
        last_handshake_time_nsec=0
        tx_bytes=0
        rx_bytes=0
        persistent_keepalive_interval=0
        allowed_ip=10.12.0.0/16
        allowed_ip=2001:db8:c::/48
        errno=0


        """

    private func kernelStatus() throws -> WireGuardDeviceStatus {
        let device = try WireGuardNetlinkCodec.device(from: Self.reply())
        return try WireGuardDeviceStatus(netlink: device, interface: "wg0", operation: "reading its status")
    }

    @Test("a get-device dump reads as the very status the UAPI path returns for the same device")
    func sameAsUserspace() throws {
        let userspace = try UAPIReply(Array(Self.uapiReply.utf8), interface: "wg0", operation: "test").deviceStatus()
        #expect(try kernelStatus() == userspace)
    }

    @Test("keys, port, mark, allowed IPs as sets of networks, handshake time and counters are read")
    func fields() throws {
        let status = try kernelStatus()
        #expect(status.privateKey == F.privateKey(1))
        #expect(status.listenPort == 51820 && status.fwmark == 0x1234)
        #expect(status.peers.map(\.publicKey) == [F.publicKey(11), F.publicKey(12)])
        let first = try #require(status.peer(F.publicKey(11)))
        #expect(first.peer.presharedKey == F.presharedKey(3))
        #expect(first.peer.endpoint == "[2001:db8::b]:51820")
        #expect(first.peer.persistentKeepalive == 25)
        #expect(Set(first.peer.allowedIPs) == [F.prefix("2001:db8:b::/64")])
        #expect(first.lastHandshake == Date(timeIntervalSince1970: 1_700_000_000.25))
        #expect(first.receivedBytes == 1000 && first.sentBytes == 2000 && first.protocolVersion == 1)
        let second = try #require(status.peer(F.publicKey(12)))
        #expect(second.peer.presharedKey == nil, "an all-zero preshared key is none")
        #expect(second.lastHandshake == nil, "a handshake at time zero never happened")
        #expect(second.peer.endpoint == "192.0.2.12:4500")
        #expect(Set(second.peer.allowedIPs) == [F.prefix("10.12.0.0/16"), F.prefix("2001:db8:c::/48")])
    }

    @Test("a device with no key and no peers reads as an empty status")
    func emptyDevice() throws {
        let status = try WireGuardDeviceStatus(netlink: WireGuardNetlinkDevice(interfaceName: "wg0"),
                                               interface: "wg0", operation: "test")
        #expect(status == WireGuardDeviceStatus())
    }

    @Test("a key of the wrong length is a malformed reply that names its length, never its bytes")
    func malformedKey() throws {
        let secret: [UInt8] = Array(F.privateKey(1).storage.bytes.prefix(31))
        let error = try #require(throws: WireGuardError.self) {
            try WireGuardDeviceStatus(netlink: WireGuardNetlinkDevice(privateKey: secret), interface: "wg0",
                                      operation: "reading its status")
        }
        #expect(error.kind == .malformedReply)
        #expect(error.description == "wg0: reading its status: the kernel reported a private key of 31 bytes, not 32")
    }
}
