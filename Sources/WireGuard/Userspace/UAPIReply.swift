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
        var code: Int64?
        try forEachLine(in: 0..<bytes.count) { field, value in
            if field == .errno { code = try number(value, field) }
        }
        try check(code)
    }

    /// The device a `get` describes. A large reply is read in two halves at once, split where a peer begins:
    /// the process has both cores to itself while it reads (wireguard-go has answered), and a 5,000-peer reply
    /// takes milliseconds to read.
    func deviceStatus() throws -> WireGuardDeviceStatus {
        let split = bytes.count >= Self.parallelSize ? peerStart(after: bytes.count / 2) : nil
        guard let split else {
            let whole = try read(0..<bytes.count)
            try check(whole.code)
            return whole.device
        }
        let parts = [0..<split, split..<bytes.count].parallelMap { range in Result { try self.read(range) } }
        var device = try parts[0].get().device
        let rest = try parts[1].get()
        device.peers += rest.device.peers
        try check(rest.code ?? parts[0].get().code)
        return device
    }

    /// Past this many bytes (about 1,000 peers), a reply is read in two halves.
    static let parallelSize = 128 << 10

    /// Where the first `public_key=` line at or after `offset` begins; nil when none does.
    private func peerStart(after offset: Int) -> Int? {
        let marker = Array("\npublic_key=".utf8)
        var index = offset
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], bytes[index..<(index + marker.count)].elementsEqual(marker) {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// The device fields and peers in `range` (which starts a line), and the errno line's value if it is there.
    private func read(_ range: Range<Int>) throws -> (device: WireGuardDeviceStatus, code: Int64?) {
        var device = WireGuardDeviceStatus()
        var peer: PeerFields?
        var code: Int64?
        try forEachLine(in: range) { field, value in
            switch field {
            case .publicKey:
                if let finished = peer { device.peers.append(finished.status) }
                peer = PeerFields(publicKey: PublicKey(try key(value, field)))
            case .errno: code = try number(value, field)
            case .privateKey: device.privateKey = PrivateKey(try key(value, field))
            case .listenPort: device.listenPort = Int(try number(value, field))
            case .fwmark: device.fwmark = Int(try number(value, field))
            default:
                guard peer != nil else { return }
                try peer!.read(field, value, reply: self)
            }
        }
        if let finished = peer { device.peers.append(finished.status) }
        return (device, code)
    }

    /// A peer's lines, collected until the next `public_key`.
    private struct PeerFields {
        var peer: WireGuardPeer
        var seconds: Int64 = 0
        var nanoseconds: Int64 = 0
        var received: UInt64 = 0
        var sent: UInt64 = 0
        var protocolVersion = 1

        init(publicKey: PublicKey) {
            peer = WireGuardPeer(publicKey: publicKey)
        }

        mutating func read(_ field: UAPIField, _ value: UnsafeBufferPointer<UInt8>, reply: UAPIReply) throws {
            switch field {
            case .allowedIP: peer.allowedIPs.append(try reply.prefix(value))
            case .presharedKey:
                let key = try reply.key(value, field)
                peer.presharedKey = key.isZero ? nil : PresharedKey(key)
            case .endpoint: peer.endpoint = String(decoding: value, as: UTF8.self)
            case .persistentKeepalive: peer.persistentKeepalive = Int(try reply.number(value, field))
            case .lastHandshakeSeconds: seconds = try reply.number(value, field)
            case .lastHandshakeNanoseconds: nanoseconds = try reply.number(value, field)
            case .receivedBytes: received = UInt64(try reply.number(value, field))
            case .sentBytes: sent = UInt64(try reply.number(value, field))
            case .protocolVersion: protocolVersion = Int(try reply.number(value, field))
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

    /// A decimal integer, possibly negative (wireguard-go's errno is).
    fileprivate func number(_ value: UnsafeBufferPointer<UInt8>, _ field: UAPIField) throws -> Int64 {
        let negative = value.first == UInt8(ascii: "-")
        let digits = negative ? UnsafeBufferPointer(rebasing: value.dropFirst()) : value
        guard (1...19).contains(digits.count) else { throw unreadable(value, field) }
        var result: Int64 = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { throw unreadable(value, field) }
            result = result * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        return negative ? -result : result
    }

    fileprivate func key(_ value: UnsafeBufferPointer<UInt8>, _ field: UAPIField) throws -> KeyBytes {
        guard let key = KeyBytes(hex: value) else { throw unreadable(nil, field) }
        return key
    }

    fileprivate func prefix(_ value: UnsafeBufferPointer<UInt8>) throws -> IPPrefix {
        guard let prefix = IPPrefix.parse(utf8: value) else {
            throw unreadable(value, .allowedIP)
        }
        return prefix
    }

    /// `value` is nil for key material, which is never echoed, even when malformed.
    private func unreadable(_ value: UnsafeBufferPointer<UInt8>?, _ field: UAPIField) -> WireGuardError {
        let shown = value.map { " '\(String(decoding: $0.prefix(80), as: UTF8.self))'" } ?? ""
        return malformed("cannot read \(field.name)\(shown)")
    }

    /// Calls `body` with each line's key and value. Keys are compared as bytes and values stay bytes until a
    /// field needs them, so the 40,000 lines of a large reply allocate no strings of their own.
    private func forEachLine(in range: Range<Int>,
                             _ body: (UAPIField, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { whole in
            let buffer = UnsafeBufferPointer(rebasing: whole[range])
            guard let base = buffer.baseAddress else { return }
            /// The offset of the first `byte` in `start..<end`, or `end`; memchr, as a reply is megabytes.
            func find(_ byte: UInt8, _ start: Int, _ end: Int) -> Int {
                guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var start = 0
            while start < buffer.count {
                let end = find(UInt8(ascii: "\n"), start, buffer.count)
                defer { start = end + 1 }
                if end == start { continue }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                let equals = find(UInt8(ascii: "="), start, end) - start
                guard equals < line.count else {
                    throw malformed("a line without '=': \(String(decoding: line.prefix(80), as: UTF8.self))")
                }
                try body(UAPIField(UnsafeBufferPointer(rebasing: line[..<equals])),
                         UnsafeBufferPointer(rebasing: line[(equals + 1)...]))
            }
        }
    }

    private func check(_ code: Int64?) throws {
        guard let code else { throw malformed("no errno line") }
        guard code != 0 else { return }
        // wireguard-go answers -EINVAL; the protocol's documentation shows EINVAL. Either way it is an errno.
        let number = Int32(clamping: code < 0 ? -code : code)
        throw WireGuardError(.refused, interface: interface, operation: operation,
                             message: "WireGuard answered errno \(number) (\(String(cString: strerror(number))))",
                             errno: number)
    }

    private func malformed(_ message: String) -> WireGuardError {
        WireGuardError(.malformedReply, interface: interface, operation: operation, message: message)
    }
}
