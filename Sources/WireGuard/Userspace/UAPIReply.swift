import Compiler
import Foundation

/// Reads UAPI replies: `key=value` lines, the last one `errno=N`, then a blank line. One pass over the bytes,
/// so a 5,000-peer `get` costs what its size does.
struct UAPIReply {
    private let bytes: [UInt8]
    private let interface: String
    private let operation: String

    init(_ bytes: [UInt8], interface: String, operation: String) {
        self.bytes = bytes
        self.interface = interface
        self.operation = operation
    }

    /// Throws unless the reply ends in `errno=0`.
    func checkErrno() throws {
        var code: Int32?
        try forEachLine { key, value in
            if key == "errno" { code = Int32(value) }
        }
        try check(code)
    }

    /// The device a `get` describes.
    func deviceStatus() throws -> WireGuardDeviceStatus {
        var device = WireGuardDeviceStatus()
        var peer: PeerFields?
        var code: Int32?
        try forEachLine { key, value in
            if key == "public_key" {
                if let finished = peer { device.peers.append(finished.status) }
                peer = PeerFields(publicKey: try parse(value, as: "public_key") { PublicKey(hex: $0) })
            } else if key == "errno" {
                code = Int32(value)
            } else if peer != nil {
                try peer!.read(key, value, reply: self)
            } else {
                try read(key, value, into: &device)
            }
        }
        if let finished = peer { device.peers.append(finished.status) }
        try check(code)
        return device
    }

    private func read(_ key: String, _ value: String, into device: inout WireGuardDeviceStatus) throws {
        switch key {
        case "private_key":
            device.privateKey = try parse(value, as: key) { KeyBytes(hex: $0.utf8).map(PrivateKey.init) }
        case "listen_port": device.listenPort = try parse(value, as: key) { Int($0) }
        case "fwmark": device.fwmark = try parse(value, as: key) { Int($0) }
        default: break  // a newer daemon's field: not ours to judge
        }
    }

    /// A peer's lines, collected until the next `public_key`.
    private struct PeerFields {
        var peer: WireGuardPeer
        var seconds = 0
        var nanoseconds = 0
        var received: UInt64 = 0
        var sent: UInt64 = 0
        var protocolVersion = 1

        init(publicKey: PublicKey) {
            peer = WireGuardPeer(publicKey: publicKey)
        }

        mutating func read(_ key: String, _ value: String, reply: UAPIReply) throws {
            switch key {
            case "preshared_key":
                let key = try reply.parse(value, as: key) { KeyBytes(hex: $0.utf8) }
                peer.presharedKey = key.isZero ? nil : PresharedKey(key)
            case "endpoint": peer.endpoint = value
            case "allowed_ip":
                peer.allowedIPs.append(try reply.parse(value, as: key) { try? IPPrefix.parse($0).get() })
            case "persistent_keepalive_interval": peer.persistentKeepalive = try reply.parse(value, as: key) { Int($0) }
            case "last_handshake_time_sec": seconds = try reply.parse(value, as: key) { Int($0) }
            case "last_handshake_time_nsec": nanoseconds = try reply.parse(value, as: key) { Int($0) }
            case "rx_bytes": received = try reply.parse(value, as: key) { UInt64($0) }
            case "tx_bytes": sent = try reply.parse(value, as: key) { UInt64($0) }
            case "protocol_version": protocolVersion = try reply.parse(value, as: key) { Int($0) }
            default: break
            }
        }

        var status: WireGuardPeerStatus {
            let handshake = seconds == 0 && nanoseconds == 0 ? nil
                : Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
            return WireGuardPeerStatus(peer: peer, lastHandshake: handshake, receivedBytes: received, sentBytes: sent,
                                       protocolVersion: protocolVersion)
        }
    }

    private func forEachLine(_ body: (String, String) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != UInt8(ascii: "\n") { end += 1 }
                defer { start = end + 1 }
                if end == start { continue }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                guard let equals = line.firstIndex(of: UInt8(ascii: "=")) else {
                    throw malformed("a line without '=': \(String(decoding: line.prefix(80), as: UTF8.self))")
                }
                try body(String(decoding: line[..<equals], as: UTF8.self),
                         String(decoding: line[(equals + 1)...], as: UTF8.self))
            }
        }
    }

    private func check(_ code: Int32?) throws {
        guard let code else { throw malformed("no errno line") }
        guard code != 0 else { return }
        // wireguard-go answers -EINVAL; the protocol's documentation shows EINVAL. Either way it is an errno.
        let number = code < 0 ? -code : code
        throw WireGuardError(.refused, interface: interface, operation: operation,
                             message: "WireGuard answered errno \(number) (\(String(cString: strerror(number))))",
                             errno: number)
    }

    fileprivate func parse<T>(_ value: String, as key: String, _ convert: (String) -> T?) throws -> T {
        guard let parsed = convert(value) else {
            // Key material is never echoed, even when malformed.
            let shown = key.hasSuffix("_key") ? "" : " '\(value.prefix(80))'"
            throw malformed("cannot read \(key)\(shown)")
        }
        return parsed
    }

    private func malformed(_ message: String) -> WireGuardError {
        WireGuardError(.malformedReply, interface: interface, operation: operation, message: message)
    }
}
