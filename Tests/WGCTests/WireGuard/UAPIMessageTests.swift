import Compiler
import Foundation
import Testing
@testable import WireGuard

private typealias F = WireGuardFixtures

@Suite("WireGuard UAPI messages")
struct UAPIMessageTests {
    private func text(_ change: WireGuardChange) throws -> String {
        String(decoding: try UAPISetRequest(change, interface: "wg0", operation: "test").bytes, as: UTF8.self)
    }

    @Test("a changed peer's set names only what changed, with update_only so it is never created")
    func updateSendsOnlyChanges() throws {
        let change = WireGuardChange(updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11),
                                                                        persistentKeepalive: 0)])
        #expect(try text(change) == "set=1\npublic_key=\(F.publicKey(11).hex)\nupdate_only=true\n"
            + "persistent_keepalive_interval=0\n\n")
    }

    @Test("the set removes, then updates, then adds; allowed IPs are replaced only for peers whose set changed")
    func order() throws {
        let change = WireGuardChange(
            privateKey: F.privateKey(1), listenPort: 51820, removedPeers: [F.publicKey(9)],
            addedPeers: [F.peer(13, ["2001:db8:13::/64"], presharedKey: F.presharedKey(3), keepalive: 25)],
            updatedPeers: [WireGuardPeerUpdate(publicKey: F.publicKey(11), presharedKey: .remove,
                                               allowedIPs: [F.prefix("10.0.0.0/24")])])
        let expected = """
            set=1
            private_key=\(F.privateKey(1).storage.hex)
            listen_port=51820
            public_key=\(F.publicKey(9).hex)
            remove=true
            public_key=\(F.publicKey(11).hex)
            update_only=true
            preshared_key=\(String(repeating: "0", count: 64))
            replace_allowed_ips=true
            allowed_ip=10.0.0.0/24
            public_key=\(F.publicKey(13).hex)
            preshared_key=\(String(repeating: "03", count: 32))
            persistent_keepalive_interval=25
            replace_allowed_ips=true
            allowed_ip=2001:db8:13::/64


            """
        #expect(try text(change) == expected)
    }

    @Test("an endpoint with a line break is refused, since it would smuggle in UAPI commands")
    func endpointInjection() {
        let change = WireGuardChange(addedPeers: [F.peer(13, [], endpoint: "[::1]:1\nreplace_peers=true")])
        #expect(throws: WireGuardError.self) { try text(change) }
    }

    @Test("a get reply becomes the device status; an all-zero preshared key is none; no handshake is nil")
    func parseStatus() throws {
        let reply = """
            private_key=\(String(repeating: "01", count: 32))
            listen_port=51820
            fwmark=7
            public_key=\(F.publicKey(10).hex)
            preshared_key=\(String(repeating: "0", count: 64))
            protocol_version=1
            endpoint=[2001:db8::1]:4242
            last_handshake_time_sec=1700000000
            last_handshake_time_nsec=500000000
            tx_bytes=92
            rx_bytes=180
            persistent_keepalive_interval=25
            allowed_ip=2001:db8:10::/64
            allowed_ip=10.0.0.10/32
            public_key=\(F.publicKey(11).hex)
            preshared_key=\(String(repeating: "07", count: 32))
            protocol_version=1
            last_handshake_time_sec=0
            last_handshake_time_nsec=0
            tx_bytes=0
            rx_bytes=0
            persistent_keepalive_interval=0
            errno=0


            """
        let status = try UAPIReply(Array(reply.utf8), interface: "wg0", operation: "test").deviceStatus()
        #expect(status == WireGuardDeviceStatus(privateKey: F.privateKey(1), listenPort: 51820, fwmark: 7, peers: [
            WireGuardPeerStatus(peer: F.peer(10, ["2001:db8:10::/64", "10.0.0.10/32"], endpoint: "[2001:db8::1]:4242",
                                         keepalive: 25),
                                lastHandshake: Date(timeIntervalSince1970: 1_700_000_000.5), receivedBytes: 180,
                                sentBytes: 92),
            WireGuardPeerStatus(peer: F.peer(11, [], presharedKey: F.presharedKey(7))),
        ]))
    }

    @Test("a reply large enough to be read in two halves gives every peer, in order, and its errno")
    func parseLargeStatus() throws {
        var reply = "private_key=\(String(repeating: "01", count: 32))\nlisten_port=51820\n"
        var expected: [WireGuardPeerStatus] = []
        for seed in UInt8(0)...UInt8(255) {
            for host in 0..<8 {
                // Keys repeat across hosts (a reply never does): what counts is each line lands in its peer.
                let prefix = "2001:db8:\(seed):\(host)::/64"
                reply += "public_key=\(F.publicKey(seed).hex)\nprotocol_version=1\nlast_handshake_time_sec=0\n"
                    + "last_handshake_time_nsec=0\ntx_bytes=\(host)\nrx_bytes=0\npersistent_keepalive_interval=0\n"
                    + "allowed_ip=\(prefix)\nallowed_ip=10.\(seed).\(host).0/24\n"
                expected.append(WireGuardPeerStatus(peer: F.peer(seed, [prefix, "10.\(seed).\(host).0/24"]),
                                                    sentBytes: UInt64(host)))
            }
        }
        #expect(reply.utf8.count > UAPIReply.parallelSize)
        let status = try UAPIReply(Array((reply + "errno=0\n\n").utf8), interface: "wg0", operation: "t").deviceStatus()
        #expect(status.privateKey == F.privateKey(1))
        #expect(status.listenPort == 51820)
        #expect(status.peers.count == expected.count)
        #expect(status.peers == expected)
        let refused = try #require(throws: WireGuardError.self) {
            try UAPIReply(Array((reply + "errno=-22\n\n").utf8), interface: "wg0", operation: "t").deviceStatus()
        }
        #expect(refused.errno == EINVAL)
    }

    @Test("a non-zero errno is a refusal that names the interface, the operation and the errno")
    func errnoIsAnError() throws {
        let error = try #require(throws: WireGuardError.self) {
            try UAPIReply(Array("errno=-22\n\n".utf8), interface: "wg7", operation: "applying a change").checkErrno()
        }
        #expect(error.kind == .refused)
        #expect(error.errno == EINVAL)
        #expect(error.description.hasPrefix("wg7: applying a change: "))
    }

    @Test("a malformed key is reported without echoing the key material")
    func malformedKeyNotEchoed() throws {
        let secret = String(repeating: "zz", count: 32)
        let error = try #require(throws: WireGuardError.self) {
            try UAPIReply(Array("private_key=\(secret)\nerrno=0\n\n".utf8), interface: "wg0", operation: "t")
                .deviceStatus()
        }
        #expect(error.kind == .malformedReply)
        #expect(!error.description.contains(secret))
    }
}
