/// An object's fields as a plan shows them, in a fixed order, so that two versions of the object compare field
/// by field. Values stay typed until a change is reported: comparing 10,000 unchanged peers formats no address.
struct FieldList {
    /// A field's value; spelled as the inventory spells it only when shown.
    enum Value: Equatable {
        case none
        case text(String)
        case number(Int)
        case flag(Bool)
        case prefix(IPPrefix)
        case address(IPAddress)
        /// Empty lists are `.none`, like unset fields.
        case prefixes([IPPrefix])
        case addresses([IPAddress])

        var text: String? {
            switch self {
            case .none: nil
            case .text(let text): text
            case .number(let number): String(number)
            case .flag(let flag): String(flag)
            case .prefix(let prefix): prefix.description
            case .address(let address): address.description
            case .prefixes(let prefixes): prefixes.map(\.description).joined(separator: ", ")
            case .addresses(let addresses): addresses.map(\.description).joined(separator: ", ")
            }
        }
    }

    private(set) var entries: [(name: String, value: Value, usual: Value)] = []

    /// `usual` is the value an object listed whole leaves out, because it says nothing (`enabled: true`).
    mutating func add(_ name: String, _ text: String?, usual: String? = nil) {
        entries.append((name, text.map(Value.text) ?? .none, usual.map(Value.text) ?? .none))
    }

    mutating func add(_ name: String, _ number: Int?, usual: Int? = nil) {
        entries.append((name, number.map(Value.number) ?? .none, usual.map(Value.number) ?? .none))
    }

    mutating func add(_ name: String, _ flag: Bool, usual: Bool) {
        entries.append((name, .flag(flag), .flag(usual)))
    }

    mutating func add(_ name: String, _ prefix: IPPrefix?) {
        entries.append((name, prefix.map(Value.prefix) ?? .none, .none))
    }

    mutating func add(_ name: String, _ address: IPAddress?) {
        entries.append((name, address.map(Value.address) ?? .none, .none))
    }

    mutating func add(_ name: String, prefixes: [IPPrefix]?) {
        entries.append((name, prefixes.flatMap { $0.isEmpty ? nil : Value.prefixes($0) } ?? .none, .none))
    }

    mutating func add(_ name: String, addresses: [IPAddress]?) {
        entries.append((name, addresses.flatMap { $0.isEmpty ? nil : Value.addresses($0) } ?? .none, .none))
    }

    /// The fields that differ; for an object that exists on one side only, each field it sets to something
    /// other than its usual value.
    static func changes(_ before: FieldList?, _ after: FieldList?) -> [FieldChange] {
        switch (before, after) {
        case (nil, nil): return []
        case (nil, let after?):
            return after.notable.map { FieldChange(field: $0.name, before: nil, after: $0.value.text) }
        case (let before?, nil):
            return before.notable.map { FieldChange(field: $0.name, before: $0.value.text, after: nil) }
        case (let before?, let after?):
            assert(before.entries.map(\.name) == after.entries.map(\.name), "both sides list the same fields")
            return zip(before.entries, after.entries).compactMap { old, new in
                guard old.value != new.value else { return nil }
                return FieldChange(field: old.name, before: old.value.text, after: new.value.text)
            }
        }
    }

    private var notable: [(name: String, value: Value)] {
        entries.compactMap { entry in
            entry.value == .none || entry.value == entry.usual ? nil : (entry.name, entry.value)
        }
    }
}
