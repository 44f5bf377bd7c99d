import Compiler
import Foundation
import Testing
import WireGuard

private typealias F = WireGuardFixtures

@Suite("Userspace WireGuard at scale",
       .enabled(if: WireGuardGoInterface.requirements, WireGuardGoInterface.skipReason))
struct UserspaceScaleTests {
    /// `count` peers with distinct keys (any 32 bytes are a usable X25519 public key) and one /128 and one /32 each.
    static func peers(_ count: Int) -> [WireGuardPeer] {
        (0..<count).map { index in
            var bytes = [UInt8](repeating: 0xA5, count: 32)
            bytes[0] = UInt8(index >> 8)
            bytes[1] = UInt8(index & 0xFF)
            let host = String(index, radix: 16)
            return WireGuardPeer(publicKey: PublicKey(bytes: bytes)!,
                                 allowedIPs: [F.prefix("fd00:5000::\(host)/128"),
                                              F.prefix("10.\(index >> 8).\(index & 0xFF).0/32")])
        }
    }

    @Test("5,000 peers are applied in one message and read back whole")
    func fiveThousandPeers() throws {
        let namespace = try NetworkNamespace("wgscale")
        let interface = try WireGuardGoInterface(in: namespace)
        let desired = WireGuardDevice(privateKey: F.privateKey(1), listenPort: 51820, peers: Self.peers(5000))
        let clock = ContinuousClock()

        var change = WireGuardChange()
        let diffing = clock.measure { change = WireGuardChange(from: nil, to: desired) }
        let applying = try clock.measure { try interface.backend.apply(change, to: interface.name) }
        var status = WireGuardDeviceStatus()
        let reading = try clock.measure { status = try interface.status() }
        var again = WireGuardChange()
        let rediffing = clock.measure { again = WireGuardChange(from: status, to: desired) }
        print("5,000 peers: diff \(diffing), apply \(applying), get and parse \(reading),",
              "diff against live \(rediffing)")

        #expect(status.peers.count == 5000)
        #expect(Set(status.peers.map(\.peer)) == Set(desired.peers))
        #expect(again.isEmpty)

        var changed = desired
        changed.peers[4999].allowedIPs = [F.prefix("fd00:5001::/64")]
        changed.peers.remove(at: 0)
        let small = WireGuardChange(from: status, to: changed)
        let applyingSmall = try clock.measure { try interface.backend.apply(small, to: interface.name) }
        print("5,000 peers: one removed and one changed, applied in \(applyingSmall)")
        #expect(small.removedPeers.count == 1 && small.updatedPeers.count == 1 && small.addedPeers.isEmpty)
        #expect(try WireGuardChange(from: interface.status(), to: changed).isEmpty)
    }
}
