import CLibMnl
import Compiler
import Glibc

extension RouteNetlink {
    /// The addresses on `interface`, each with its prefix length (`10.0.0.1/24`, `2001:db8::1/64`), including
    /// IPv6 link-local ones the kernel added itself.
    public func addresses(of interface: String) throws(NetlinkError) -> [IPPrefix] {
        let operation = "listing addresses of \(interface)"
        let index = try index(of: interface, operation: operation)
        let request = NetlinkMessage(type: UInt16(RTM_GETADDR),
                                     header: AddressHeader(family: 0, prefixLength: 0, index: 0).bytes,
                                     attributes: NetlinkAttributeWriter())
        var addresses: [IPPrefix] = []
        for reply in try socket.dump(request, operation: operation) {
            guard reply.type == UInt16(RTM_NEWADDR), let header = AddressHeader(reply.payload),
                  header.index == UInt32(index), let family = IPAddress.Family(addressFamily: header.family)
            else { continue }
            let attributes = try reply.attributes(after: AddressHeader.length)
            // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer's on a point-to-point link and
            // the only one present for most IPv6 addresses.
            guard let value = attributes.first(UInt16(IFA_LOCAL)) ?? attributes.first(UInt16(IFA_ADDRESS)),
                  let address = IPAddress(family: family, networkBytes: value.value)
            else { continue }
            addresses.append(IPPrefix(address: address, length: Int(header.prefixLength)))
        }
        return addresses
    }

    /// Adds `address` (host bits and all, `2001:db8::1/64`) to `interface`; already there is success. IPv6
    /// addresses skip duplicate address detection so they are usable at once.
    public func addAddress(_ address: IPPrefix, to interface: String) throws(NetlinkError) {
        let operation = "adding \(address) to \(interface)"
        let index = try index(of: interface, operation: operation)
        let request = addressMessage(RTM_NEWADDR, address, index: index, flags: [.create, .replace])
        _ = try socket.request(request, operation: operation)
    }

    /// Removes `address` from `interface`; an address, or an interface, that is not there is success.
    public func deleteAddress(_ address: IPPrefix, from interface: String) throws(NetlinkError) {
        let operation = "deleting \(address) from \(interface)"
        do throws(NetlinkError) {
            let index = try index(of: interface, operation: operation)
            _ = try socket.request(addressMessage(RTM_DELADDR, address, index: index), operation: operation)
        } catch where error.code == EADDRNOTAVAIL || error.code == ENODEV {
            return
        }
    }

    private func addressMessage(_ type: Int, _ address: IPPrefix, index: Int32,
                                flags: NetlinkMessage.Flags = []) -> NetlinkMessage {
        let noDAD: UInt32 = address.family == .v6 ? UInt32(IFA_F_NODAD) : 0
        let header = AddressHeader(family: address.family.addressFamily, prefixLength: UInt8(address.length),
                                   flags: UInt8(noDAD), index: UInt32(index))
        var attributes = NetlinkAttributeWriter()
        attributes.append(UInt16(IFA_LOCAL), bytes: address.address.networkBytes)
        attributes.append(UInt16(IFA_ADDRESS), bytes: address.address.networkBytes)
        if type == RTM_NEWADDR { attributes.append(UInt16(IFA_FLAGS), u32: noDAD) }
        return NetlinkMessage(type: UInt16(type), flags: flags, header: header.bytes, attributes: attributes)
    }
}
