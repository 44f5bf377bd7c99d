import Foundation
import Synchronization

/// One resource kind's answers for a compiled HEAD, in inventory order. An answer is built and encoded the first
/// time a request needs it and kept for the HEAD's life, so that a new HEAD (after every write) costs nothing per
/// resource, and a list only copies bytes it has already encoded.
final class ResourceTable<Item: Encodable & Sendable>: Sendable {
    let count: Int
    private let build: @Sendable (Int) -> Item
    private let idAt: @Sendable (Int) -> String
    private let explicitIDAt: @Sendable (Int) -> String?
    /// The JSON of each answer made so far, by position.
    private let encoded: Mutex<[[UInt8]?]>
    /// Positions by lowercased id, made on the first look-up by id.
    private let positions = Mutex<[String: Int]?>(nil)

    /// `build` makes the answer of the resource at a position, `id` gives its id and `explicitID` the id its
    /// document carries (cheap, where a derived id costs a hash); all are called lazily.
    init(count: Int, id: @escaping @Sendable (Int) -> String, explicitID: @escaping @Sendable (Int) -> String?,
         build: @escaping @Sendable (Int) -> Item) {
        self.count = count
        self.build = build
        idAt = id
        explicitIDAt = explicitID
        encoded = Mutex([[UInt8]?](repeating: nil, count: count))
    }

    /// The item with `id`, in any case: a 400 when `id` is not a UUID, a 404 when no `kind` has it.
    func item(_ id: String, kind: String) throws -> Item {
        build(try position(of: id, kind: kind))
    }

    /// The item with `id` as its JSON answer.
    func answer(_ id: String, kind: String) throws -> JSONAnswer {
        JSONAnswer(bytes: try json(at: try position(of: id, kind: kind)))
    }

    /// The items `page` asks for, each as its JSON, in order.
    func page(_ page: Page) throws -> [[UInt8]] {
        let start = min(page.offset, count)
        let end = page.limit.map { $0 >= count - start ? count : start + $0 } ?? count  // no overflow at Int.max
        guard start < end else { return [] }
        var page = encoded.withLock { Array($0[start..<end]) }
        var made: [(Int, [UInt8])] = []
        for index in page.indices where page[index] == nil {
            let bytes = try Self.encode(build(start + index))
            page[index] = bytes
            made.append((start + index, bytes))
        }
        if !made.isEmpty {
            encoded.withLock { encoded in
                for (position, bytes) in made { encoded[position] = bytes }
            }
        }
        return page.map { $0! }
    }

    private func json(at position: Int) throws -> [UInt8] {
        if let known = encoded.withLock({ $0[position] }) { return known }
        let bytes = try Self.encode(build(position))
        encoded.withLock { $0[position] = bytes }
        return bytes
    }

    private func position(of id: String, kind: String) throws -> Int {
        guard UUID(uuidString: id) != nil else {
            throw APIError(.badRequest, "INVALID_ID", "'\(id)' is not a UUID")
        }
        let key = id.lowercased()
        let found = positions.withLock { positions -> Int? in
            if positions == nil {
                // Until a look-up needs every id, an id a document carries (what the API writes: each write's
                // answer looks its resource up) is found without deriving the others' ids.
                if let position = (0..<count).first(where: { explicitIDAt($0).map { Self.equal($0, key) } ?? false }) {
                    return position
                }
                var made: [String: Int] = [:]
                made.reserveCapacity(count)
                for position in 0..<count {
                    let key = idAt(position).lowercased()
                    if made[key] == nil { made[key] = position }
                }
                positions = made
            }
            return positions![key]
        }
        guard let found else { throw APIError.notFound("no \(kind) has id '\(id)'") }
        return found
    }

    /// Whether `text` equals `lowercased` in any case, without making a lowercased copy.
    private static func equal(_ text: String, _ lowercased: String) -> Bool {
        text.utf8.elementsEqual(lowercased.utf8) { byte, other in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == other
        }
    }

    private static func encode(_ item: Item) throws -> [UInt8] {
        Array(try APIJSON.encoder.encode(item))
    }
}
