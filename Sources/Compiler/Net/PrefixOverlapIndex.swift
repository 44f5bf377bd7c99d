/// Prefixes added one at a time, each with its position, answering "which is the first added prefix that
/// overlaps (or covers) this one" without comparing it with every prefix added: an inventory can hold a
/// hundred thousand subnets. Two prefixes overlap only when one covers the other, so both kinds are found by
/// looking up the queried prefix's network at each prefix length in use.
struct PrefixOverlapIndex {
    /// Every length that is added or queried, ascending.
    private let lengths: [Int]
    /// Each added network, with the position it was first added at.
    private var added: [IPPrefix: Int] = [:]
    /// A network at a length in use, with the first position of an added prefix strictly inside it.
    private var inside: [IPPrefix: Int] = [:]

    init(lengths: some Sequence<Int>) {
        self.lengths = Set(lengths).sorted()
    }

    /// Adds `prefix` (host bits are ignored); positions must be added in ascending order.
    mutating func add(_ prefix: IPPrefix, position: Int) {
        let network = prefix.network
        if added[network] == nil { added[network] = position }
        for length in lengths where length < network.length {
            let outer = IPPrefix(address: network.address, length: length).network
            if inside[outer] == nil { inside[outer] = position }
        }
    }

    /// The first position of an added prefix that covers `prefix` or equals it.
    func firstCovering(_ prefix: IPPrefix) -> Int? {
        var first: Int?
        for length in lengths where length <= prefix.length {
            if let position = added[IPPrefix(address: prefix.address, length: length).network] {
                first = min(first ?? position, position)
            }
        }
        return first
    }

    /// The first position of an added prefix that overlaps `prefix`: covers it, equals it or lies inside it.
    func firstOverlapping(_ prefix: IPPrefix) -> Int? {
        let covering = firstCovering(prefix)
        guard let within = inside[prefix.network] else { return covering }
        return min(covering ?? within, within)
    }
}
