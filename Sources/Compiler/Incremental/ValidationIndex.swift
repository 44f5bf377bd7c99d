/// What checking a change to a few clients or allocations looks up about the rest of a valid inventory: the client
/// names, ids, public keys and tunnel addresses taken, and where allocations lie. Built once from a validated
/// inventory, then kept up to date change by change, so that a write never walks every client.
struct ValidationIndex: Sendable {
    /// Who holds a public key or a tunnel address: a server, or the client of that name.
    enum Holder: Hashable, Sendable {
        case server
        case client(String)
    }

    /// A host address in the address space of a node and family (the validator's `AddressSpace`).
    struct NodeAddress: Hashable, Sendable {
        var node: String
        var family: IPAddress.Family
        var value: UInt128
    }

    /// An allocation's prefix and the file it lies in, kept in prefix order.
    struct Span: Sendable {
        var prefix: IPPrefix
        var file: String
    }

    private(set) var clientNames: Set<String> = []
    /// The BIRD symbol of every client name with a `-` or `_`, to the name: `a-b` and `a_b` collide.
    private(set) var clientSymbols: [String: String] = [:]
    private(set) var clientIDs: [String: String] = [:]
    /// Some client's explicit id has the form of a derived one, so ids cannot be checked without deriving them all.
    private(set) var someClientIDCouldBeDerived = false
    private(set) var publicKeys: [String: Holder] = [:]
    private(set) var addresses: [NodeAddress: Holder] = [:]
    /// Allocations by the client they delegate to.
    private(set) var allocationsByClient: [String: [Allocation]] = [:]
    /// Every allocation's prefix in prefix order; in a valid inventory no two overlap.
    private(set) var spans: [Span] = []
    /// Pools that LAN interfaces take prefixes from: an allocation there can move a LAN prefix.
    let poolsWithLAN: Set<String>
    /// The node of each server, by name.
    let serverNodes: [String: String]

    /// Indexes `inventory`, which validated without errors.
    init(_ inventory: Inventory) {
        poolsWithLAN = Set(inventory.nodes.flatMap { $0.lanInterfaces.map(\.pool) })
        serverNodes = Dictionary(inventory.servers.map { ($0.name, $0.node) }, uniquingKeysWith: { first, _ in first })
        clientNames.reserveCapacity(inventory.clients.count)
        publicKeys.reserveCapacity(inventory.clients.count + inventory.servers.count)
        addresses.reserveCapacity(2 * inventory.clients.count)
        for server in inventory.servers {
            if let key = server.publicKey { publicKeys[key] = .server }
            for subnet in [server.ipv4Address, server.ipv6Address].compactMap({ $0 }) {
                addresses[NodeAddress(node: server.node, family: subnet.family, value: subnet.address.value)] = .server
            }
        }
        for client in inventory.clients { add(client) }
        spans = inventory.allocations.map { Span(prefix: $0.prefix, file: $0.origin.file) }
            .sorted { $0.prefix < $1.prefix }
        for allocation in inventory.allocations {
            allocationsByClient[allocation.client, default: []].append(allocation)
        }
    }

    // MARK: Changes

    mutating func remove(_ client: WireGuardClient) {
        clientNames.remove(client.name)
        if Self.hasSymbolOfItsOwn(client.name) { clientSymbols[Names.birdSymbol(client.name)] = nil }
        if let id = client.explicitID { clientIDs[id] = nil }
        if let key = client.publicKey { publicKeys[key] = nil }
        for address in addresses(of: client) { addresses[address] = nil }
    }

    mutating func add(_ client: WireGuardClient) {
        clientNames.insert(client.name)
        if Self.hasSymbolOfItsOwn(client.name) { clientSymbols[Names.birdSymbol(client.name)] = client.name }
        if let id = client.explicitID {
            clientIDs[id] = client.name
            someClientIDCouldBeDerived = someClientIDCouldBeDerived || ResourceID.couldBeDerived(id)
        }
        if let key = client.publicKey { publicKeys[key] = .client(client.name) }
        for address in addresses(of: client) { addresses[address] = .client(client.name) }
    }

    mutating func remove(_ allocation: Allocation) {
        let start = spans.partitioningIndex { !($0.prefix < allocation.prefix) }
        if let offset = spans[start...].prefix(while: { !(allocation.prefix < $0.prefix) })
            .firstIndex(where: { $0.file == allocation.origin.file }) {
            spans.remove(at: offset)
        }
        allocationsByClient[allocation.client]?.removeAll { $0.origin == allocation.origin }
        if allocationsByClient[allocation.client]?.isEmpty == true { allocationsByClient[allocation.client] = nil }
    }

    mutating func add(_ allocation: Allocation) {
        let span = Span(prefix: allocation.prefix, file: allocation.origin.file)
        spans.insert(span, at: spans.partitioningIndex { allocation.prefix < $0.prefix })
        allocationsByClient[allocation.client, default: []].append(allocation)
    }

    // MARK: Questions

    /// The tunnel addresses a client holds in its node's address spaces; none when its server is unknown.
    func addresses(of client: WireGuardClient) -> [NodeAddress] {
        guard let node = serverNodes[client.server] else { return [] }
        return [client.ipv4Address, client.ipv6Address].compactMap { address in
            address.map { NodeAddress(node: node, family: $0.family, value: $0.address.value) }
        }
    }

    /// Whether an allocation outside the files `skipping` overlaps `prefix`. Allocations are disjoint, so only the
    /// one before `prefix` in prefix order and those starting inside it can.
    func allocationOverlaps(_ prefix: IPPrefix, skipping files: Set<String>) -> Bool {
        let start = spans.partitioningIndex { !($0.prefix < prefix) }
        if start > spans.startIndex, spans[start - 1].prefix.overlaps(prefix), !files.contains(spans[start - 1].file) {
            return true
        }
        return spans[start...].prefix { $0.prefix.overlaps(prefix) }.contains { !files.contains($0.file) }
    }

    /// Names whose BIRD symbol is not the name itself, and so could collide with another name's.
    static func hasSymbolOfItsOwn(_ name: String) -> Bool {
        name.utf8.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}
