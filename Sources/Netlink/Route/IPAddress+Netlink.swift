import Compiler
import Glibc

extension IPAddress.Family {
    /// `AF_INET` or `AF_INET6`, as netlink headers carry it.
    var addressFamily: UInt8 { self == .v4 ? UInt8(AF_INET) : UInt8(AF_INET6) }

    init?(addressFamily: UInt8) {
        switch Int32(addressFamily) {
        case AF_INET: self = .v4
        case AF_INET6: self = .v6
        default: return nil
        }
    }
}

extension IPAddress {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    var networkBytes: [UInt8] {
        let count = family == .v4 ? 4 : 16
        return (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * (count - 1 - $0))) }
    }

    /// An address from its network-order bytes, when their count fits the family.
    init?(family: Family, networkBytes bytes: [UInt8]) {
        guard bytes.count == (family == .v4 ? 4 : 16) else { return nil }
        self.init(family: family, value: bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) })
    }
}
