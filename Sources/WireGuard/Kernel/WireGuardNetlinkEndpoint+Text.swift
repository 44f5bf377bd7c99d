import Compiler
import Netlink

extension WireGuardNetlinkEndpoint {
    /// Reads `ip:port` or `[ipv6]:port`, the inventory's and the UAPI's spelling; nil for anything else (a host
    /// name, an IPv6 address without brackets, a zone, a port out of range).
    init?(text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return nil
        }
        let host = text[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            guard let address = IPAddress(host.dropFirst().dropLast()), address.family == .v6 else { return nil }
            self.init(address: address, port: port)
        } else {
            guard let address = IPAddress(host), address.family == .v4 else { return nil }
            self.init(address: address, port: port)
        }
    }

    /// The endpoint as wireguard-go reports it: `192.0.2.1:51820`, `[2001:db8::1]:51820`.
    var text: String {
        address.family == .v4 ? "\(address):\(port)" : "[\(address)]:\(port)"
    }
}
