import Foundation

/// What `ip -j` says about a namespace, decoded only as far as the netlink tests compare it.
enum IPCommandJSON {
    struct Link: Decodable {
        var ifindex: Int
        var ifname: String
        var mtu: Int
        var flags: [String]
        var linkinfo: LinkInfo?

        struct LinkInfo: Decodable {
            var info_kind: String?
        }
    }

    struct AddressedLink: Decodable {
        var ifname: String
        var addr_info: [Address]

        struct Address: Decodable {
            var local: String
            var prefixlen: Int
        }
    }

    struct Route: Decodable {
        var dst: String
        var dev: String?
        var `protocol`: String?
    }

    static func decode<T: Decodable>(_ type: T.Type, _ output: Programs.Output) throws -> T {
        try JSONDecoder().decode(type, from: Data(output.check("ip -j").stdout.utf8))
    }
}

extension NetworkNamespace {
    func jsonLink(_ name: String) throws -> IPCommandJSON.Link? {
        try IPCommandJSON.decode([IPCommandJSON.Link].self, exec(["ip", "-j", "-d", "link", "show", "dev", name])).first
    }

    /// `ADDRESS/LENGTH` for every address `ip` lists on the interface.
    func jsonAddresses(_ name: String) throws -> Set<String> {
        let links = try IPCommandJSON.decode([IPCommandJSON.AddressedLink].self,
                                             exec(["ip", "-j", "address", "show", "dev", name]))
        return Set(links.flatMap(\.addr_info).map { "\($0.local)/\($0.prefixlen)" })
    }

    func jsonRoutes(_ arguments: [String]) throws -> [IPCommandJSON.Route] {
        try IPCommandJSON.decode([IPCommandJSON.Route].self, exec(["ip", "-j"] + arguments))
    }
}

extension NetworkNamespace {
    /// A kind of link this kernel can create with nothing but a name: `dummy` where its module is present,
    /// else `ifb` or `bridge` (test machines often lack the dummy module).
    func creatableLinkKind() throws -> String {
        let probe = ["ip", "link", "add", "wgcprobe", "type"]
        for kind in ["dummy", "ifb", "bridge"] where try exec(probe + [kind]).status == 0 {
            try exec(["ip", "link", "del", "wgcprobe"]).check("deleting the probe link")
            return kind
        }
        throw CommandFailed(what: "creating a dummy, ifb or bridge link", output: try exec(probe + ["dummy"]))
    }
}
