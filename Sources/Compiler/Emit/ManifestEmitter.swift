import Nettle

/// `manifest.json`: the inventory digest and a SHA-256 per generated file, so the agent and `wgc plan`
/// can tell what changed without reading the files.
enum ManifestEmitter {
    /// Written by hand rather than with JSONEncoder: it lists every client config, and this is the hot path.
    /// Paths are wgc's own (names restricted to `[A-Za-z0-9_-]`), so they need no JSON escaping.
    static func render(node: String, digest: String, files: [CompiledFile], prefix: String) -> String {
        let entries = files.map { file in
            (String(file.path.dropFirst(prefix.count)), Hex.encode(Nettle.sha256(file.contents.utf8)))
        }.sorted { $0.0 < $1.0 }
        var out = "{\n  \"files\" : {\n"
        out.reserveCapacity(entries.count * 100 + 200)
        for (index, entry) in entries.enumerated() {
            out += "    \"\(entry.0)\" : \"\(entry.1)\"" + (index == entries.count - 1 ? "\n" : ",\n")
        }
        out += "  },\n  \"inventory_digest\" : \"\(digest)\",\n  \"node\" : \"\(node)\"\n}\n"
        return out
    }
}
