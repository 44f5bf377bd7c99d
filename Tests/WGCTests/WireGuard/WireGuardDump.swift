import Compiler
import WireGuard

/// `wg show IF dump`, read into the same shapes as `WireGuardDeviceStatus`, so the tests compare wgc's reading of
/// the UAPI with wg(8)'s.
struct WireGuardDump: Equatable {
    struct Peer: Equatable {
        var publicKey: String
        var presharedKey: String?
        var endpoint: String?
        var allowedIPs: Set<String>
        var persistentKeepalive: Int
    }

    var publicKey: String
    var listenPort: Int
    var fwmark: Int
    var peers: [String: Peer]

    /// Parses wg's tab-separated dump: the device's line, then one line per peer.
    init(_ text: String) throws {
        let lines = text.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        guard let device = lines.first, device.count == 4 else { throw CommandFailed.missing("wg dump") }
        publicKey = device[1]
        listenPort = Int(device[2]) ?? -1
        fwmark = Int(device[3]) ?? 0
        peers = [:]
        for fields in lines.dropFirst() where fields.count == 8 {
            peers[fields[0]] = Peer(
                publicKey: fields[0], presharedKey: fields[1] == "(none)" ? nil : fields[1],
                endpoint: fields[2] == "(none)" ? nil : fields[2],
                allowedIPs: fields[3] == "(none)" ? [] : Set(fields[3].split(separator: ",").map(String.init)),
                persistentKeepalive: Int(fields[7]) ?? 0)
        }
    }

    /// The same view of wgc's status.
    init(_ status: WireGuardDeviceStatus) {
        publicKey = status.publicKey?.base64 ?? "(none)"
        listenPort = status.listenPort
        fwmark = status.fwmark
        peers = Dictionary(uniqueKeysWithValues: status.peers.map { status in
            let peer = status.peer
            let key = peer.publicKey.base64
            return (key, Peer(publicKey: key, presharedKey: peer.presharedKey?.base64, endpoint: peer.endpoint,
                              allowedIPs: Set(peer.allowedIPs.map(\.description)),
                              persistentKeepalive: peer.persistentKeepalive))
        })
    }
}
