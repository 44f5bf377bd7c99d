import Foundation

/// One resource kind's answers, built once per compiled HEAD: in inventory order, and by id.
struct ResourceTable<Item: Sendable>: Sendable {
    let items: [Item]
    private let positions: [String: Int]

    init(_ items: [Item], id: (Item) -> String) {
        self.items = items
        var positions: [String: Int] = [:]
        positions.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            let key = id(item).lowercased()
            if positions[key] == nil { positions[key] = position }
        }
        self.positions = positions
    }

    /// The item with `id`, in any case: a 400 when `id` is not a UUID, a 404 when no `kind` has it.
    func item(_ id: String, kind: String) throws -> Item {
        guard UUID(uuidString: id) != nil else {
            throw APIError(.badRequest, "INVALID_ID", "'\(id)' is not a UUID")
        }
        guard let position = positions[id.lowercased()] else { throw APIError.notFound("no \(kind) has id '\(id)'") }
        return items[position]
    }

    func page(_ page: Page) -> ArraySlice<Item> {
        let start = min(page.offset, items.count)
        let end = page.limit.map { min(items.count, start + $0) } ?? items.count
        return items[start..<end]
    }
}
