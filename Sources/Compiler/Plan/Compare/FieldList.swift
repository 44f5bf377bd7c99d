/// An object's fields as a plan shows them, in a fixed order, so that two versions of the object compare field
/// by field. Values are spelled as in the inventory; lists are joined with ", ".
struct FieldList {
    private(set) var entries: [(name: String, value: String?, usual: String?)] = []

    /// `usual` is the value an object listed whole leaves out, because it says nothing (`enabled: true`).
    mutating func add(_ name: String, _ value: (some CustomStringConvertible)?, usual: String? = nil) {
        entries.append((name, value?.description, usual))
    }

    /// An empty list is no value, like an unset field.
    mutating func add(_ name: String, list: [some CustomStringConvertible]?) {
        let items = (list ?? []).map(\.description)
        entries.append((name, items.isEmpty ? nil : items.joined(separator: ", "), nil))
    }

    /// The fields that differ; for an object that exists on one side only, each field it sets to something
    /// other than its usual value.
    static func changes(_ before: FieldList?, _ after: FieldList?) -> [FieldChange] {
        switch (before, after) {
        case (nil, nil): return []
        case (nil, let after?):
            return after.notable.map { FieldChange(field: $0.name, before: nil, after: $0.value) }
        case (let before?, nil):
            return before.notable.map { FieldChange(field: $0.name, before: $0.value, after: nil) }
        case (let before?, let after?):
            assert(before.entries.map(\.name) == after.entries.map(\.name), "both sides list the same fields")
            return zip(before.entries, after.entries).compactMap { old, new in
                old.value == new.value ? nil : FieldChange(field: old.name, before: old.value, after: new.value)
            }
        }
    }

    private var notable: [(name: String, value: String)] {
        entries.compactMap { entry in
            guard let value = entry.value, value != entry.usual else { return nil }
            return (entry.name, value)
        }
    }
}
