import BIRD
import Compiler
import Foundation
import WireGuard

/// What the router is doing right now, named as the inventory names things: each BGP session's state, uptime
/// and prefix counts from BIRD, and each WireGuard peer's latest handshake and transfer counters. What cannot be
/// read (BIRD down, an interface missing) is reported with the reason, never invented.
public struct LiveView: Sendable, Codable, Equatable {
    public var sessions: [LiveSession]
    /// Why sessions could not be read, when they could not.
    public var sessionsUnavailable: String?
    public var interfaces: [LiveInterface]

    /// Reads BIRD and WireGuard for the sessions and interfaces of `configuration` (the applied revision's).
    public static func read(_ configuration: RouterConfiguration, environment: RouterEnvironment,
                            backend: any WireGuardBackend) -> LiveView {
        var view = LiveView(sessions: [], sessionsUnavailable: nil, interfaces: [])
        do {
            let protocols = try BIRDClient(socketPath: environment.birdSocket).protocols()
            view.sessions = configuration.sessions.sorted { $0.key < $1.key }.map { name, session in
                LiveSession(session: session.name, protocol: name, status: protocols.first { $0.name == name })
            }
        } catch {
            view.sessionsUnavailable = "\(error)"
            view.sessions = configuration.sessions.sorted { $0.key < $1.key }.map { name, session in
                LiveSession(session: session.name, protocol: name, status: nil)
            }
        }
        view.interfaces = configuration.interfaces.map { LiveInterface.read($0, backend: backend) }
        return view
    }
}

/// One BGP session as BIRD reports it.
public struct LiveSession: Sendable, Codable, Equatable {
    /// The session's name in the inventory, and BIRD's protocol name for it.
    public var session: String
    public var `protocol`: String
    /// BIRD's protocol state (`up`, `start`, `down`…); `unknown` when BIRD could not be asked or lacks it.
    public var state: String
    /// The BGP state (`Established`, `Active`…), when known.
    public var bgpState: String?
    /// Since when the protocol is in its state, as BIRD prints it.
    public var since: String?
    public var importedPrefixes: Int?
    public var exportedPrefixes: Int?
    public var lastError: String?

    init(session: String, protocol name: String, status: BIRDProtocolStatus?) {
        self.session = session
        self.protocol = name
        state = status?.state.rawValue ?? "unknown"
        bgpState = status?.bgp?.state
        since = status?.since
        let counts = status?.channels.compactMap(\.routes) ?? []
        importedPrefixes = status == nil ? nil : counts.reduce(0) { $0 + $1.imported }
        exportedPrefixes = status == nil ? nil : counts.reduce(0) { $0 + $1.exported }
        lastError = status?.bgp?.lastError
    }
}

/// One WireGuard interface and its peers, named by client.
public struct LiveInterface: Sendable, Codable, Equatable {
    public var name: String
    /// Why the interface could not be read (it is missing, its daemon does not answer).
    public var unavailable: String?
    public var peers: [LivePeer]

    static func read(_ interface: RouterInterface, backend: any WireGuardBackend) -> LiveInterface {
        do {
            guard let status = try backend.status(of: interface.name) else {
                return LiveInterface(name: interface.name, unavailable: "no such interface", peers: [])
            }
            let names = Dictionary(interface.peers.map { ($0.publicKey, $0.client) }, uniquingKeysWith: { a, _ in a })
            let peers = status.peers.map { peer in
                LivePeer(client: names[peer.publicKey.base64], publicKey: peer.publicKey.base64,
                         endpoint: peer.peer.endpoint, latestHandshake: peer.lastHandshake,
                         receivedBytes: peer.receivedBytes, sentBytes: peer.sentBytes)
            }
            return LiveInterface(name: interface.name, unavailable: nil,
                                 peers: peers.sorted { ($0.client ?? $0.publicKey) < ($1.client ?? $1.publicKey) })
        } catch {
            return LiveInterface(name: interface.name, unavailable: "\(error)", peers: [])
        }
    }
}

/// A peer's session on the router.
public struct LivePeer: Sendable, Codable, Equatable {
    /// The inventory's client name; nil for a peer the inventory does not have (drift).
    public var client: String?
    public var publicKey: String
    public var endpoint: String?
    /// Nil when the peer never completed a handshake.
    public var latestHandshake: Date?
    public var receivedBytes: UInt64
    public var sentBytes: UInt64
}
