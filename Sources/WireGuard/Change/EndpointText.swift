import Compiler

/// Endpoints in one spelling, so `[2001:DB8::1]:51820` in the inventory equals `[2001:db8::1]:51820` as
/// wireguard-go reports it.
enum EndpointText {
    /// `ip:port` or `[ipv6]:port` with the address written canonically; text that is neither is returned as is.
    static func canonical(_ text: String) -> String {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            return text
        }
        var host = text[..<colon]
        let bracketed = host.hasPrefix("[") && host.hasSuffix("]")
        if bracketed { host = host.dropFirst().dropLast() }
        guard let address = IPAddress(host) else { return text }
        switch address.family {
        case .v4: return "\(address):\(port)"
        case .v6: return bracketed ? "[\(address)]:\(port)" : text
        }
    }
}
