import Foundation

/// `wgc allocate`: picks the lowest free aligned prefix of a pool for a client and renders the Allocation
/// document to add to the inventory. Existing allocations are untouched.
public struct AllocationRequest: Sendable {
    public var pool: String
    public var client: String
    public var length: Int?
    public var autoAnnounce: Bool

    public init(pool: String, client: String, length: Int? = nil, autoAnnounce: Bool = false) {
        self.pool = pool
        self.client = client
        self.length = length
        self.autoAnnounce = autoAnnounce
    }

    /// The new allocation as a file for the inventory, or the reason it cannot be made.
    public struct Result: Sendable {
        public var prefix: IPPrefix
        public var file: CompiledFile
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var code: DiagnosticCode
        public var message: String
        public var description: String { "error[\(code.rawValue)]: \(message)" }
    }

    public func allocate(in inventory: Inventory) throws(Failure) -> Result {
        guard let pool = inventory.pools.first(where: { $0.name == self.pool }) else {
            let hint = Spelling.closest(to: self.pool, in: inventory.pools.map(\.name)).map { " (did you mean '\($0)'?)" }
            throw Failure(code: .unknownReference, message: "unknown prefix pool '\(self.pool)'" + (hint ?? ""))
        }
        guard inventory.clients.contains(where: { $0.name == client }) else {
            let hint = Spelling.closest(to: client, in: inventory.clients.map(\.name)).map { " (did you mean '\($0)'?)" }
            throw Failure(code: .unknownReference, message: "unknown WireGuard client '\(client)'" + (hint ?? ""))
        }
        let length = self.length ?? pool.maxPrefixLength
        guard (pool.maxPrefixLength...max(pool.maxPrefixLength, pool.minPrefixLength)).contains(length) else {
            throw Failure(code: .prefixLengthOutOfRange,
                          message: "pool '\(pool.name)' allocates /\(pool.maxPrefixLength) to /\(pool.minPrefixLength), "
                              + "not /\(length)")
        }
        var taken = inventory.allocations.filter { pool.prefix.overlaps($0.prefix) }.map(\.prefix)
        for node in inventory.nodes { taken += node.lanInterfaces.compactMap(\.prefix).filter { pool.prefix.overlaps($0) } }
        guard let prefix = PoolAllocator.firstFree(in: pool.prefix, length: length, taken: taken) else {
            throw Failure(code: .poolExhausted, message: "pool '\(pool.name)' (\(pool.prefix)) has no free /\(length)")
        }
        let slug = prefix.description.replacingOccurrences(of: ":", with: "-").replacingOccurrences(of: "/", with: "_")
        let text = """
            kind: Allocation
            pool: \(pool.name)
            prefix: \(prefix)
            client: \(client)
            auto_announce: \(autoAnnounce)

            """
        return Result(prefix: prefix, file: CompiledFile(path: "allocations/\(client)-\(slug).yaml", contents: text))
    }
}
