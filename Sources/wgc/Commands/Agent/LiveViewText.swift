import Agent
import Foundation

/// `wgc agent status --live` in words: sessions, then peers by interface.
enum LiveViewText {
    static func text(_ view: LiveView) -> String {
        var out = "BGP sessions\n"
        if let reason = view.sessionsUnavailable { out += "  (BIRD could not be asked: \(reason))\n" }
        for session in view.sessions {
            out += "  \(session.session)  \(session.bgpState ?? session.state)"
            if let since = session.since { out += " since \(since)" }
            if let imported = session.importedPrefixes, let exported = session.exportedPrefixes {
                out += "  \(imported) imported, \(exported) exported"
            }
            if let error = session.lastError { out += "  last error: \(error)" }
            out += "\n"
        }
        for interface in view.interfaces {
            out += "WireGuard \(interface.name)\n"
            if let reason = interface.unavailable { out += "  (unavailable: \(reason))\n" }
            for peer in interface.peers {
                let handshake = peer.latestHandshake.map { "handshake \(Int(-$0.timeIntervalSinceNow)) s ago" }
                    ?? "no handshake"
                out += "  \(peer.client ?? "(not in the inventory) " + peer.publicKey)  \(handshake)  "
                    + "received \(peer.receivedBytes) B, sent \(peer.sentBytes) B\n"
            }
        }
        return out
    }
}
