/// `struct ifinfomsg`: the fixed header of link messages (16 bytes).
struct InterfaceInfoHeader {
    static let length = 16
    var family: UInt8 = 0
    var type: UInt16 = 0
    var index: Int32 = 0
    var flags: UInt32 = 0
    var change: UInt32 = 0

    var bytes: [UInt8] {
        var bytes: [UInt8] = [family, 0]
        bytes.append(integer: type)
        bytes.append(integer: index)
        bytes.append(integer: flags)
        bytes.append(integer: change)
        return bytes
    }

    init(index: Int32 = 0, flags: UInt32 = 0, change: UInt32 = 0) {
        self.index = index
        self.flags = flags
        self.change = change
    }

    init?(_ payload: [UInt8]) {
        guard payload.count >= Self.length else { return nil }
        family = payload[0]
        type = Bytes.integer(payload, at: 2) ?? 0
        index = Bytes.integer(payload, at: 4) ?? 0
        flags = Bytes.integer(payload, at: 8) ?? 0
        change = Bytes.integer(payload, at: 12) ?? 0
    }
}

/// `struct ifaddrmsg`: the fixed header of address messages (8 bytes).
struct AddressHeader {
    static let length = 8
    var family: UInt8
    var prefixLength: UInt8
    var flags: UInt8 = 0
    var scope: UInt8 = 0
    var index: UInt32

    var bytes: [UInt8] {
        var bytes: [UInt8] = [family, prefixLength, flags, scope]
        bytes.append(integer: index)
        return bytes
    }

    init(family: UInt8, prefixLength: UInt8, flags: UInt8 = 0, index: UInt32) {
        self.family = family
        self.prefixLength = prefixLength
        self.flags = flags
        self.index = index
    }

    init?(_ payload: [UInt8]) {
        guard payload.count >= Self.length else { return nil }
        family = payload[0]
        prefixLength = payload[1]
        flags = payload[2]
        scope = payload[3]
        index = Bytes.integer(payload, at: 4) ?? 0
    }
}

/// `struct rtmsg`: the fixed header of route messages (12 bytes).
struct RouteHeader {
    static let length = 12
    var family: UInt8 = 0
    var destinationLength: UInt8 = 0
    var sourceLength: UInt8 = 0
    var tos: UInt8 = 0
    var table: UInt8 = 0
    var routeProtocol: UInt8 = 0
    var scope: UInt8 = 0
    var type: UInt8 = 0
    var flags: UInt32 = 0

    var bytes: [UInt8] {
        var bytes = [family, destinationLength, sourceLength, tos, table, routeProtocol, scope, type]
        bytes.append(integer: flags)
        return bytes
    }

    init(family: UInt8 = 0) {
        self.family = family
    }

    init?(_ payload: [UInt8]) {
        guard payload.count >= Self.length else { return nil }
        (family, destinationLength, sourceLength, tos) = (payload[0], payload[1], payload[2], payload[3])
        (table, routeProtocol, scope, type) = (payload[4], payload[5], payload[6], payload[7])
        flags = Bytes.integer(payload, at: 8) ?? 0
    }
}
