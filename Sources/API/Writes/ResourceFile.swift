import Compiler
import Foundation
import YAML

/// Where the API keeps the resources it creates (one per file, so a change touches one file) and how it writes,
/// edits and deletes a resource's document, in its own file or in a hand-written one (comments kept).
enum ResourceFile {
    /// `bgp-sessions/peer-2.yaml`: a folder per kind below the inventory's folder, the name (or prefix) as file.
    static func path(_ kind: ResourceKind, key: String) -> String {
        let file = key.map { $0 == ":" || $0 == "/" ? "-" : $0 }
        return "\(folder(kind))/\(String(file)).yaml"
    }

    static func folder(_ kind: ResourceKind) -> String {
        switch kind {
        case .node: "nodes"
        case .wireGuardServer: "wireguard-servers"
        case .wireGuardClient: "wireguard-clients"
        case .prefixPool: "ipv6-pools"
        case .allocation: "ipv6-allocations"
        case .whitelist: "ipv6-whitelist"
        case .bgpSession: "bgp-sessions"
        case .bgpAnnouncement: "bgp-announcements"
        }
    }

    /// A new document: `kind`, `id`, `name`, `description`, then the kind's fields in their documented order.
    static func document(_ kind: ResourceKind, id: String, fields: [String: YAMLValue]) -> [UInt8] {
        var text = "kind: \(kind.rawValue)\nid: \(id)\n"
        for key in ["name", "description"] + kind.fields {
            guard let value = fields[key] else { continue }
            text += "\(key): \(value.rendered)\n"
        }
        return Array(text.utf8)
    }

    /// The file holding the resource at `origin` with its fields set (nil removes one), everything else kept.
    static func edited(_ origin: Origin, in base: WriteBase, setting fields: [(key: String, value: YAMLValue?)])
        throws -> InventoryChange.FileEdit {
        var editor = YAMLEditor(try bytes(of: origin, in: base))
        do {
            try editor.edit(documentAt: origin.mark, setting: fields)
        } catch let refusal as YAMLEditor.Refusal {
            throw APIError(.conflict, "NOT_EDITABLE", "\(origin.file): \(refusal.description)")
        }
        return .write(path: origin.file, bytes: editor.bytes)
    }

    /// The resource at `origin` removed: its whole file when it is the only document there.
    static func removed(_ origin: Origin, in base: WriteBase) throws -> InventoryChange.FileEdit {
        var editor = YAMLEditor(try bytes(of: origin, in: base))
        guard try editor.documentCount() > 1 else { return .delete(path: origin.file) }
        do {
            try editor.removeDocument(at: origin.mark)
        } catch let refusal as YAMLEditor.Refusal {
            throw APIError(.conflict, "NOT_EDITABLE", "\(origin.file): \(refusal.description)")
        }
        return .write(path: origin.file, bytes: editor.bytes)
    }

    private static func bytes(of origin: Origin, in base: WriteBase) throws -> [UInt8] {
        guard let bytes = try base.file(origin.file) else {
            throw APIError(.conflict, "CONFLICT", "\(origin.file) is no longer in the inventory")
        }
        return bytes
    }
}
