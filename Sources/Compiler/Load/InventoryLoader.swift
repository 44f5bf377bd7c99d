import Nettle
import YAML

/// Reads an inventory's files into an `Inventory`, collecting every loading problem as a diagnostic.
/// Files are read in path order and documents in file order, so the result is deterministic.
public enum InventoryLoader {
    public static func load(_ files: [SourceFile], extraVRPs: [SourceFile] = []) -> (Inventory, [Diagnostic]) {
        let loaded = LoadedInventory(files: files, extraVRPs: extraVRPs)
        return (loaded.inventory, loaded.loadDiagnostics)
    }

    /// SHA-256 over each file's path and SHA-256, in path order: the inventory's identity. The path and length
    /// framing keeps two different trees from hashing alike.
    static func digest(ofHashes hashes: [(path: String, hash: [UInt8])]) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(hashes.count * 100)
        for (path, hash) in hashes {  // `LENGTH:PATH` then the hash, appended without an interpolated string
            buffer.append(contentsOf: String(path.utf8.count).utf8)
            buffer.append(UInt8(ascii: ":"))
            buffer.append(contentsOf: path.utf8)
            buffer.append(contentsOf: hash)
        }
        return Hex.encode(Nettle.sha256(buffer))
    }

    static func load(_ file: SourceFile, into inventory: inout Inventory, diagnostics: inout [Diagnostic]) {
        if let size = file.refusedSize {
            inventory.hasUnparsableFiles = true
            diagnostics.append(.fileTooLarge(file.path, size: size))
            return
        }
        let documents: [YAMLDocument]
        do {
            documents = try YAMLParser.parse(file.bytes, limits: InventoryLimits.yaml)
        } catch {
            inventory.hasUnparsableFiles = true
            diagnostics.append(.unreadable(file.path, error))
            return
        }
        // Documents are read independently, in parts on every core for a file of hundreds of them (a change to
        // one client of a 500-client file re-reads the file), then joined in file order.
        let path = file.path
        let parts = documents.parallelParts(minimumCount: 128) { part in
            var read = (inventory: Inventory(), diagnostics: [Diagnostic]())
            for document in part where !document.root.isNull {
                var reader = ResourceReader(file: path, root: document.root)
                reader.read(into: &read.inventory)
                read.diagnostics += reader.diagnostics
            }
            return read
        }
        for part in parts {
            inventory.absorb(part.inventory)
            diagnostics += part.diagnostics
        }
    }
}

enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Stable resource ids: the `id` a document carries, else a UUID derived from its kind and name (or prefix).
public enum ResourceID {
    public static func derive(kind: String, key: String) -> String {
        var bytes = Array(Nettle.sha256(Array("wgc:\(kind):\(key)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: a custom, name-based UUID (RFC 9562)
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits.utf8Start[Int(byte >> 4)])
            text.append(digits.utf8Start[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `text` has the form of a derived id (lowercase, version 8, RFC 9562 variant); any other text is
    /// never equal to one.
    public static func couldBeDerived(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36, bytes[14] == UInt8(ascii: "8") else { return false }
        return [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[19])
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if IPAddress.hexValue(byte) == nil {
                return false
            }
        }
        return true
    }
}
