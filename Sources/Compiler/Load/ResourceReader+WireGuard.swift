extension ResourceReader {
    func readServer(_ fields: inout FieldReader) -> WireGuardServer? {
        let name = name(&fields, required: true)
        let interface = fields.string("interface", required: true)
        if let interface, !Names.isInterfaceName(interface) {
            fields.report(.invalidValue, "interface", "'\(interface)' is not a valid Linux interface name",
                          hint: "1 to 15 characters: letters, digits, '-', '_', '.'")
        }
        let port = fields.int("listen_port", required: true, in: 1...65535)
        let v4 = fields.interfaceAddress("ipv4_address")
        let v6 = fields.interfaceAddress("ipv6_address")
        checkFamily(&fields, "ipv4_address", v4, .v4)
        checkFamily(&fields, "ipv6_address", v6, .v6)
        if v4 == nil, v6 == nil, !fields.has("ipv4_address"), !fields.has("ipv6_address") {
            fields.missing("ipv6_address", hint: "a server needs ipv4_address, ipv6_address or both")
        }
        let dns = fields.addressList("dns_servers") ?? []
        let mtu = fields.int("mtu", in: 1280...9000) ?? 1420
        let publicKey = readKey(&fields, "public_key")
        if publicKey == nil, !fields.has("public_key") {
            fields.missing("public_key", hint: "clients need the server's public key: `wgc keys public < wg0.key`")
        }
        let active = fields.bool("is_active", default: true)
        guard let name, let interface, let port else { return nil }
        return WireGuardServer(explicitID: explicitID(&fields), name: name,
                               node: nodeReference(&fields), interface: interface, listenPort: port,
                               ipv4Address: v4?.family == .v4 ? v4 : nil, ipv6Address: v6?.family == .v6 ? v6 : nil,
                               dnsServers: dns, mtu: mtu, publicKey: publicKey,
                               description: fields.string("description"), isActive: active, origin: origin(fields))
    }

    func checkFamily(_ fields: inout FieldReader, _ key: String, _ prefix: IPPrefix?, _ family: IPAddress.Family) {
        guard let prefix, prefix.family != family else { return }
        fields.report(.invalidAddress, key, "'\(key)' holds an IPv\(prefix.family.rawValue) address, "
                          + "expected IPv\(family.rawValue)")
    }

    func readKey(_ fields: inout FieldReader, _ key: String) -> String? {
        guard let text = fields.string(key) else { return nil }
        guard WireGuardKey.isValid(text) else {
            fields.report(.invalidKey, key, "'\(key)' is not a WireGuard key (base64 of 32 bytes, 44 characters)",
                          hint: "`wgc keys public < private.key` or `wg pubkey` prints one")
            return nil
        }
        return text
    }

    func readClient(_ fields: inout FieldReader) -> WireGuardClient? {
        let name = name(&fields, required: true)
        let server = fields.string("server", required: true)
        if fields.has("private_key") {
            fields.report(.secretInClear, "private_key", "a private key must never be stored in clear in the inventory",
                          hint: "keep only public_key here; the client holds its private key")
        }
        let publicKey = readKey(&fields, "public_key")
        if publicKey == nil, !fields.has("public_key") { fields.missing("public_key") }
        let v4 = fields.interfaceAddress("ipv4_address")
        let v6 = fields.interfaceAddress("ipv6_address")
        checkFamily(&fields, "ipv4_address", v4, .v4)
        checkFamily(&fields, "ipv6_address", v6, .v6)
        let allowed = fields.prefixList("allowed_ips")
        let keepalive = fields.int("persistent_keepalive", in: 0...65535)
        let dns = fields.addressList("dns_servers")
        let mtu = fields.int("mtu", in: 1280...9000)
        let psk = fields.string("preshared_key_file")
        if let psk, !Names.isSafeAbsolutePath(psk) {
            fields.report(.invalidValue, "preshared_key_file", "preshared_key_file '\(psk)' must be an absolute path "
                              + "of letters, digits and . _ - /", hint: "e.g. /etc/wireguard/psk/\(fields.string("name") ?? "client").psk")
        }
        let active = fields.bool("is_active", default: true)
        guard let name, let server else { return nil }
        return WireGuardClient(explicitID: explicitID(&fields), name: name, server: server,
                               description: fields.string("description"), publicKey: publicKey,
                               presharedKeyFile: psk.flatMap { Names.isSafeAbsolutePath($0) ? $0 : nil }, ipv4Address: v4?.family == .v4 ? v4 : nil,
                               ipv6Address: v6?.family == .v6 ? v6 : nil, allowedIPs: allowed,
                               persistentKeepalive: keepalive, dnsServers: dns, mtu: mtu, isActive: active,
                               origin: origin(fields))
    }
}
