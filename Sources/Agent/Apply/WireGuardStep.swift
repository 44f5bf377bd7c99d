import Compiler
import Foundation
import WireGuard

/// The WireGuard part of a router: each server interface exists, carries the private key from the key folder
/// (which must match the inventory's public key) and exactly the inventory's peers, changed as `wg syncconf`
/// changes them so untouched peers keep their sessions.
struct WireGuardStep {
    let backend: any WireGuardBackend
    let keyDirectory: String
    /// Where every full read is recorded, and what an apply plans from when it can.
    let observations: WireGuardObservations

    /// The devices `target` asks for, with keys read from disk; refuses a key that does not match the inventory.
    func devices(for target: RouterConfiguration) throws -> [String: WireGuardDevice] {
        var devices: [String: WireGuardDevice] = [:]
        for interface in target.interfaces {
            let key = try privateKey(of: interface)
            let peers = try interface.peers.map { peer in
                guard let publicKey = PublicKey(base64: peer.publicKey) else {
                    throw AgentError(.refused, "client '\(peer.client)' has an invalid public key")
                }
                return WireGuardPeer(publicKey: publicKey, presharedKey: try peer.presharedKeyFile.map(presharedKey),
                                     allowedIPs: peer.allowedIPs, persistentKeepalive: peer.persistentKeepalive)
            }
            devices[interface.name] = WireGuardDevice(privateKey: key, listenPort: interface.listenPort, peers: peers)
        }
        return devices
    }

    /// What differs on each interface, in words naming clients; empty when the interfaces match `target`.
    func differences(_ target: RouterConfiguration, devices: [String: WireGuardDevice],
                     previous: RouterConfiguration?) throws -> [String] {
        var lines: [String] = []
        for interface in target.interfaces {
            guard let device = devices[interface.name] else { continue }
            guard let status = try backend.status(of: interface.name) else {
                observations.forget(interface.name)
                lines.append("\(interface.name): missing (\(device.peers.count) peers to add)")
                continue
            }
            observations.record(status, of: interface.name)
            lines += describe(WireGuardChange(from: status, to: device), on: interface, device: device, previous)
        }
        for gone in removedInterfaces(target, previous) where try backend.status(of: gone) != nil {
            lines.append("\(gone): no longer in the inventory, to delete")
        }
        return lines
    }

    /// Makes every interface match `target`; returns what it changed. An interface read in full since its last
    /// change is changed from that read (`observations`), without reading it again; the caller's verification
    /// then reads it, and `usedObservations` says whether a difference found there may be a change made by hand
    /// meanwhile rather than a failure.
    func apply(_ target: RouterConfiguration, devices: [String: WireGuardDevice],
               previous: RouterConfiguration?, usedObservations: inout Bool) throws -> [String] {
        var lines: [String] = []
        for interface in target.interfaces {
            guard let device = devices[interface.name] else { continue }
            if let observed = observations.take(interface.name) {
                let change = WireGuardChange(from: observed, to: device)
                do {
                    // Sent even when empty: the back end then only checks the interface is still there.
                    try backend.apply(change, to: interface.name)
                    usedObservations = true
                    lines += describe(change, on: interface, device: device, previous)
                    continue
                } catch let error as WireGuardError where error.kind == .noSuchInterface {
                    // Deleted since it was read: made again below, from nothing.
                }
            }
            var status = try backend.status(of: interface.name)
            if status == nil {
                try backend.create(interface.name)
                lines.append("\(interface.name): created")
                status = try backend.status(of: interface.name)
            }
            let change = WireGuardChange(from: status, to: device)
            guard !change.isEmpty else { continue }
            try backend.apply(change, to: interface.name)
            lines += describe(change, on: interface, device: device, previous)
        }
        for gone in removedInterfaces(target, previous) where try backend.status(of: gone) != nil {
            observations.forget(gone)
            try backend.delete(gone)
            lines.append("\(gone): deleted (no longer in the inventory)")
        }
        return lines
    }

    private func removedInterfaces(_ target: RouterConfiguration, _ previous: RouterConfiguration?) -> [String] {
        let wanted = Set(target.interfaces.map(\.name))
        return (previous?.interfaces ?? []).map(\.name).filter { !wanted.contains($0) }
    }

    /// The client names of `keys`: from the interface's peers in `target`, which `device` holds parsed in the same
    /// order (keys compare there as words, not text), and for keys `target` does not have (removed peers), from
    /// `previous`. Each pass stops once every key is named.
    private func clientNames(of keys: [PublicKey], device: WireGuardDevice, _ interface: RouterInterface,
                             previous: RouterConfiguration?) -> [PublicKey: String] {
        var names: [PublicKey: String] = [:]
        var unnamed = Set(keys)
        if interface.peers.count == device.peers.count {
            for index in device.peers.indices where !unnamed.isEmpty {
                let key = device.peers[index].publicKey
                if unnamed.remove(key) != nil { names[key] = interface.peers[index].client }
            }
        }
        guard !unnamed.isEmpty, let previous else { return names }
        var byText = Dictionary(unnamed.map { ($0.base64, $0) }, uniquingKeysWith: { first, _ in first })
        for peer in previous.interfaces.lazy.flatMap(\.peers) where !byText.isEmpty {
            if let key = byText.removeValue(forKey: peer.publicKey) { names[key] = peer.client }
        }
        return names
    }

    private func describe(_ change: WireGuardChange, on interface: RouterInterface, device: WireGuardDevice,
                          _ previous: RouterConfiguration?) -> [String] {
        let keys = change.removedPeers + change.addedPeers.map(\.publicKey) + change.updatedPeers.map(\.publicKey)
        let names = clientNames(of: keys, device: device, interface, previous: previous)
        func name(_ key: PublicKey) -> String { names[key].map { "'\($0)'" } ?? key.base64 }
        let interface = interface.name
        var lines: [String] = []
        if change.privateKey != nil { lines.append("\(interface): private key set") }
        if let port = change.listenPort { lines.append("\(interface): listen port \(port)") }
        lines += change.removedPeers.map { "\(interface): peer \(name($0)) removed" }
        lines += change.addedPeers.map { "\(interface): peer \(name($0.publicKey)) added" }
        lines += change.updatedPeers.map { "\(interface): peer \(name($0.publicKey)) changed" }
        return lines
    }

    private func privateKey(of interface: RouterInterface) throws -> PrivateKey {
        let path = "\(keyDirectory)/\(interface.name).key"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw AgentError(.environment, "no private key for \(interface.name) at \(path): make one with "
                             + "`umask 077; wg genkey > \(path)` and put `wg pubkey < \(path)` in the inventory as "
                             + "server '\(interface.server)''s public_key")
        }
        guard let key = PrivateKey(base64: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw AgentError(.environment, "\(path) does not hold a WireGuard private key (base64 of 32 bytes)")
        }
        if let expected = interface.publicKey, key.publicKey.base64 != expected {
            throw ApplyFailure("the private key in \(path) belongs to public key \(key.publicKey.base64), but the "
                               + "inventory gives server '\(interface.server)' public key \(expected): clients "
                               + "would never connect; put the matching key in \(path) or fix the inventory",
                               rolledBack: false)
        }
        return key
    }

    private func presharedKey(at path: String) throws -> PresharedKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let key = PresharedKey(base64: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw AgentError(.environment, "cannot read a preshared key from \(path)")
        }
        return key
    }
}
