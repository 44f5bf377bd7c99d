extension ResourceReader {
    func readSession(_ fields: inout FieldReader) -> BGPSession? {
        let name = name(&fields, required: true)
        let neighbor = fields.address("neighbor", required: true)
        let remoteAS = fields.asn("remote_as", required: true)
        var hold = fields.int("hold_time") ?? 90
        if hold != 0, !(3...65535).contains(hold) {
            fields.report(.valueOutOfRange, "hold_time", "hold_time \(hold) is neither 0 nor within 3…65535",
                          hint: "RFC 4271: 0 disables keepalives, otherwise at least 3 seconds")
            hold = 90
        }
        if fields.has("password") {
            fields.report(.secretInClear, "password", "a BGP password must never be stored in clear in the inventory",
                          hint: "put `password \"…\";` in a secret file on the router and name it with password_secret")
        }
        let secret = fields.string("password_secret")
        if let secret, !Names.isValid(secret) {
            fields.report(.invalidValue, "password_secret", "password_secret '\(secret)' must be a plain file name")
        }
        let enabled = fields.bool("enabled", default: true)
        let maxPrefixes = fields.int("max_prefixes", in: 1...10_000_000)
        var action = LimitAction.block
        if let text = fields.string("max_prefix_action") {
            if let parsed = LimitAction(rawValue: text) {
                action = parsed
            } else {
                fields.report(.invalidValue, "max_prefix_action", "max_prefix_action '\(text)' is not one of "
                                  + LimitAction.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        let source = fields.address("source_address")
        let multihop = fields.int("multihop", in: 1...255)
        let acceptDefault = fields.bool("accept_default", default: false)
        let routeServer = fields.bool("route_server", default: false)
        guard let name, let neighbor, let remoteAS else { return nil }
        return BGPSession(explicitID: explicitID(&fields), name: name, node: nodeReference(&fields),
                          neighbor: neighbor, remoteAS: remoteAS, holdTime: hold,
                          passwordSecret: secret.flatMap { Names.isValid($0) ? $0 : nil },
                          description: fields.string("description"), enabled: enabled, maxPrefixes: maxPrefixes,
                          maxPrefixAction: action, sourceAddress: source, multihop: multihop,
                          acceptDefault: acceptDefault, routeServer: routeServer, origin: origin(fields))
    }

    func readAnnouncement(_ fields: inout FieldReader) -> BGPAnnouncement? {
        let name = name(&fields, required: true)
        let prefix = fields.prefix("prefix", required: true)
        let asn = fields.asn("asn", required: true)
        let nextHop = fields.address("next_hop")
        let session = fields.string("session")
        let enabled = fields.bool("enabled", default: true)
        guard let name, let prefix, let asn else { return nil }
        return BGPAnnouncement(explicitID: explicitID(&fields), name: name,
                               node: nodeReference(&fields), prefix: prefix, asn: asn, nextHop: nextHop,
                               session: session, description: fields.string("description"), enabled: enabled,
                               origin: origin(fields))
    }
}
