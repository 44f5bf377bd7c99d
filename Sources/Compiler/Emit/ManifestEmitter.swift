import Sodium

/// `manifest.json`: the inventory digest and a SHA-256 per generated file, so the agent and `wgc plan`
/// can tell what changed without reading the files.
enum ManifestEmitter {
    struct Manifest: Encodable {
        var node: String
        var inventory_digest: String
        var files: [String: String]
    }

    static func render(node: String, digest: String, files: [CompiledFile], prefix: String) -> String {
        var hashes: [String: String] = [:]
        for file in files {
            hashes[String(file.path.dropFirst(prefix.count))] = Hex.encode(Sodium.sha256(Array(file.contents.utf8)))
        }
        return JSONText.encode(Manifest(node: node, inventory_digest: digest, files: hashes))
    }
}
