extension ResourceReader {
    func readPool(_ fields: inout FieldReader) -> PrefixPool? {
        let name = name(&fields, required: true)
        let prefix = fields.prefix("prefix", required: true)
        if let prefix, prefix.family != .v6 {
            fields.report(.invalidPrefix, "prefix", "pool prefix \(prefix) is IPv4; pools hold IPv6 prefixes")
        }
        let maxLength = fields.int("max_prefix_length", in: 0...128) ?? 64
        let minLength = fields.int("min_prefix_length", in: 0...128) ?? 128
        let announce = fields.bool("auto_announce_bgp", default: false)
        _ = fields.string("status")
        guard let name, let prefix, prefix.family == .v6 else { return nil }
        if maxLength > minLength {
            fields.report(.prefixLengthOutOfRange, "max_prefix_length",
                          "max_prefix_length /\(maxLength) is longer than min_prefix_length /\(minLength)",
                          hint: "max_prefix_length is the largest allocation (shortest length, e.g. 56), "
                              + "min_prefix_length the smallest (e.g. 128)")
        } else if maxLength < prefix.length {
            fields.report(.prefixLengthOutOfRange, "max_prefix_length",
                          "max_prefix_length /\(maxLength) is shorter than the pool's own /\(prefix.length)",
                          hint: "allocations are carved out of the pool: use /\(prefix.length) or longer")
        }
        return PrefixPool(explicitID: explicitID(&fields), name: name, node: nodeReference(&fields),
                          prefix: prefix, description: fields.string("description"), maxPrefixLength: maxLength,
                          minPrefixLength: minLength, autoAnnounceBGP: announce, origin: origin(fields))
    }

    func readAllocation(_ fields: inout FieldReader) -> Allocation? {
        let name = name(&fields, required: false)
        let pool = fields.string("pool", required: true)
        let prefix = fields.prefix("prefix", required: true)
        let client = fields.string("client", required: true)
        let announce = fields.bool("auto_announce", default: false)
        guard let pool, let prefix, let client else { return nil }
        return Allocation(explicitID: explicitID(&fields), name: name, pool: pool,
                          prefix: prefix, client: client, autoAnnounce: announce,
                          description: fields.string("description"), origin: origin(fields))
    }

    func readWhitelist(_ fields: inout FieldReader) -> WhitelistEntry? {
        _ = name(&fields, required: false)
        let pool = fields.string("pool")
        guard let prefix = fields.prefix("prefix", required: true) else { return nil }
        return WhitelistEntry(explicitID: explicitID(&fields), pool: pool, prefix: prefix,
                              description: fields.string("description"), origin: origin(fields))
    }
}
