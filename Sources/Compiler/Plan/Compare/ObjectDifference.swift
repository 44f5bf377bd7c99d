/// One object of a node compared across the two revisions, matched by its key (usually its name).
struct ObjectDifference<Item> {
    var key: String
    var before: Item?
    var after: Item?
    var fields: [FieldChange]

    var change: ChangeKind {
        switch (before, after) {
        case (nil, _): .added
        case (_, nil): .removed
        default: fields.isEmpty ? .unchanged : .changed
        }
    }

    /// Every key of either side, in key order, unchanged ones included (with no fields).
    static func compare(_ before: [Item], _ after: [Item], key: (Item) -> String,
                        fields: (Item) -> FieldList) -> [ObjectDifference] {
        compare(before, after, key: key, beforeFields: fields, afterFields: fields)
    }

    /// The same, for objects whose fields depend on the rest of their revision.
    static func compare(_ before: [Item], _ after: [Item], key: (Item) -> String, beforeFields: (Item) -> FieldList,
                        afterFields: (Item) -> FieldList) -> [ObjectDifference] {
        var old: [String: Item] = [:]
        old.reserveCapacity(before.count)
        for item in before { old[key(item)] = item }
        var new: [String: Item] = [:]
        new.reserveCapacity(after.count)
        for item in after { new[key(item)] = item }
        return Set(old.keys).union(new.keys).sorted().map { name in
            let (was, will) = (old[name], new[name])
            return ObjectDifference(key: name, before: was, after: will,
                                    fields: FieldList.changes(was.map(beforeFields), will.map(afterFields)))
        }
    }
}
