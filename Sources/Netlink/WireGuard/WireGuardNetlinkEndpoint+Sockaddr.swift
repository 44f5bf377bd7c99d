import Compiler

extension WireGuardNetlinkEndpoint {
    /// `struct sockaddr_in` (16 bytes) or `struct sockaddr_in6` (28 bytes, flow info and scope 0): the family in
    /// host order, the port and address in network order.
    var sockaddr: [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(integer: UInt16(address.family.addressFamily))
        bytes += [UInt8(port >> 8), UInt8(port & 0xFF)]
        if address.family == .v4 {
            bytes += address.networkBytes + [UInt8](repeating: 0, count: 8)
        } else {
            bytes += [0, 0, 0, 0] + address.networkBytes + [0, 0, 0, 0]
        }
        return bytes
    }

    init?(sockaddr bytes: [UInt8]) {
        guard let rawFamily = Bytes.integer(bytes, at: 0, as: UInt16.self), bytes.count >= 4,
              let family = IPAddress.Family(addressFamily: UInt8(truncatingIfNeeded: rawFamily))
        else { return nil }
        let start = family == .v4 ? 4 : 8
        let end = start + (family == .v4 ? 4 : 16)
        guard bytes.count >= end, let address = IPAddress(family: family, networkBytes: Array(bytes[start..<end]))
        else { return nil }
        self.init(address: address, port: UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
    }
}
