import Compiler
import Foundation
import Hummingbird
import YAML

/// A create or update body for an inventory resource: a JSON object whose fields are the inventory's own
/// (the reference's names), checked against the fields the kind has. Types are the compiler's to check: a
/// wrong one is a 422 with its diagnostic, at the line the API wrote.
struct ResourceBody: Sendable {
    /// The fields in the order the body gave them, `null` kept (it removes a field on update).
    var fields: [(key: String, value: JSONValue)]

    /// Parses the request's body: 400 for no body or broken JSON, 422 `UNKNOWN_FIELD` for a field that is not in
    /// `allowed`.
    static func read(_ request: Request, context: some RequestContext, allowed: Set<String>) async throws
        -> ResourceBody {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer: buffer)
        guard !data.isEmpty else { throw APIError.badRequest("a JSON body is required") }
        guard let object = try? APIJSON.decoder.decode([String: JSONValue].self, from: data) else {
            throw APIError(.badRequest, "INVALID_JSON", "the body must be a JSON object")
        }
        if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw APIError(.unprocessableContent, "UNKNOWN_FIELD",
                           "unknown field '\(unknown.prefix(64))'; the fields are: \(allowed.sorted().joined(separator: ", "))")
        }
        return ResourceBody(fields: object.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
    }

    subscript(key: String) -> JSONValue? {
        fields.first { $0.key == key }?.value
    }

    /// This body with `key` set to `value`.
    func setting(_ key: String, to value: JSONValue) -> ResourceBody {
        ResourceBody(fields: fields.filter { $0.key != key } + [(key: key, value: value)])
    }

    /// The fields that are the inventory's, as YAML values (nil: null), without those in `excluding`.
    func yamlFields(excluding: Set<String> = []) throws -> [(key: String, value: YAMLValue?)] {
        try fields.filter { !excluding.contains($0.key) }.map { (key: $0.key, value: try $0.value.yaml(field: $0.key)) }
    }
}

extension ResourceKind {
    /// What a body may set for this kind: the inventory's fields, less what the API never takes in clear.
    var writableFields: Set<String> {
        Set(["name", "description"] + fields).subtracting(["private_key", "password"])
    }
}

extension ResourceBody {
    /// The inventory's fields with the reference's `<kind>_id` (a UUID) turned into the inventory's reference by
    /// name: `session_id` → `session`. An id that names nothing is a 422; null removes the reference.
    func referencing(_ idField: String, as field: String, kind: ResourceKind, in base: WriteBase) throws
        -> [(key: String, value: YAMLValue?)] {
        var fields = try yamlFields(excluding: [idField])
        guard let reference = self[idField] else { return fields }
        if reference == .null {
            fields.append((key: field, value: nil))
            return fields
        }
        guard let id = reference.text else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED", "'\(idField)' must be a UUID")
        }
        fields.append((key: field, value: .string(try Self.target(id, field: idField, kind: kind, in: base))))
        return fields
    }

    /// The name of the resource of `kind` whose id is `id`; 422 naming `field` when there is none.
    static func target(_ id: String, field: String, kind: ResourceKind, in base: WriteBase) throws -> String {
        guard let target = ResourceWriter(kind: kind).first(in: base.inventory, .id(id.lowercased()))
        else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED",
                           "'\(field)' must be the id of a \(kind.displayName) of the inventory")
        }
        return target.key
    }
}
