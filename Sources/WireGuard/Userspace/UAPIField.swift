/// The keys of a UAPI `get` reply that wgc reads, recognised from their bytes without making a string.
enum UAPIField {
    case privateKey, listenPort, fwmark
    case publicKey, presharedKey, protocolVersion, endpoint, lastHandshakeSeconds, lastHandshakeNanoseconds
    case sentBytes, receivedBytes, persistentKeepalive, allowedIP
    case errno
    /// A field of a newer or extended daemon: not wgc's to judge.
    case other

    init(_ key: UnsafeBufferPointer<UInt8>) {
        func named(_ name: StaticString) -> Bool {
            name.utf8CodeUnitCount == key.count && memcmp(name.utf8Start, key.baseAddress!, key.count) == 0
        }
        // By length first: most lines of a large reply are allowed_ip or a peer's counters.
        switch key.count {
        case 10: self = named("allowed_ip") ? .allowedIP : named("public_key") ? .publicKey : .other
        case 8:
            self = named("tx_bytes") ? .sentBytes : named("rx_bytes") ? .receivedBytes
                : named("endpoint") ? .endpoint : .other
        case 13: self = named("preshared_key") ? .presharedKey : .other
        case 16: self = named("protocol_version") ? .protocolVersion : .other
        case 23: self = named("last_handshake_time_sec") ? .lastHandshakeSeconds : .other
        case 24: self = named("last_handshake_time_nsec") ? .lastHandshakeNanoseconds : .other
        case 29: self = named("persistent_keepalive_interval") ? .persistentKeepalive : .other
        case 11: self = named("private_key") ? .privateKey : named("listen_port") ? .listenPort : .other
        case 6: self = named("fwmark") ? .fwmark : .other
        case 5: self = named("errno") ? .errno : .other
        default: self = .other
        }
    }

    /// The key as the reply spells it, for messages.
    var name: String {
        switch self {
        case .privateKey: "private_key"
        case .listenPort: "listen_port"
        case .fwmark: "fwmark"
        case .publicKey: "public_key"
        case .presharedKey: "preshared_key"
        case .protocolVersion: "protocol_version"
        case .endpoint: "endpoint"
        case .lastHandshakeSeconds: "last_handshake_time_sec"
        case .lastHandshakeNanoseconds: "last_handshake_time_nsec"
        case .sentBytes: "tx_bytes"
        case .receivedBytes: "rx_bytes"
        case .persistentKeepalive: "persistent_keepalive_interval"
        case .allowedIP: "allowed_ip"
        case .errno: "errno"
        case .other: "field"
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
