/// A Validated ROA Payload: `asn` may originate `prefix` and its more-specifics up to `maxLength`.
public struct VRP: Sendable, Hashable {
    public var prefix: IPPrefix
    public var maxLength: Int
    public var asn: UInt32

    public init(prefix: IPPrefix, maxLength: Int, asn: UInt32) {
        self.prefix = prefix
        self.maxLength = maxLength
        self.asn = asn
    }
}

/// The outcome of RFC 6811 route origin validation.
public enum OriginValidity: String, Sendable, Hashable {
    case valid
    case invalid
    case notFound = "not-found"
}

/// The answer for one route: its state and the VRP that decided it (the matching one, or a covering one).
public struct OriginValidation: Sendable, Hashable {
    public var validity: OriginValidity
    public var decidingVRP: VRP?
    /// Why a route is invalid: no covering VRP names its ASN, or it is longer than maxLength allows.
    public var reason: String
}

/// VRPs sorted by family, network and prefix length, so the covering VRPs of a route are found with one
/// binary search per prefix length in use. Compact: a validator's full export is half a million entries.
public struct VRPSet: Sendable {
    /// All VRPs, sorted by family, network, length.
    private var entries: [VRP] = []
    private var ranges: [IPAddress.Family: Range<Int>] = [:]
    private var lengths: [IPAddress.Family: [Int]] = [:]

    public init() {}

    public init(_ vrps: some Sequence<VRP>) {
        var list = Array(vrps)
        self.init(taking: &list)
    }

    /// Builds the set from `vrps` without copying them; `vrps` is left empty.
    public init(taking vrps: inout [VRP]) {
        vrps.sort { lhs, rhs in
            if lhs.prefix.family != rhs.prefix.family { return lhs.prefix.family == .v4 }
            return lhs.prefix.first != rhs.prefix.first ? lhs.prefix.first < rhs.prefix.first
                : lhs.prefix.length < rhs.prefix.length
        }
        entries = vrps
        vrps = []
        let split = entries.firstIndex { $0.prefix.family == .v6 } ?? entries.count
        ranges[.v4] = 0..<split
        ranges[.v6] = split..<entries.count
        for family in [IPAddress.Family.v4, .v6] {
            lengths[family] = Set(entries[ranges[family]!].map(\.prefix.length)).sorted()
        }
    }

    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    /// VRPs whose prefix covers `route` (RFC 6811 "Covered").
    public func covering(_ route: IPPrefix) -> [VRP] {
        guard let range = ranges[route.family], let lengths = lengths[route.family] else { return [] }
        let list = entries[range]
        var result: [VRP] = []
        for length in lengths where length <= route.length {
            let network = IPPrefix(address: route.address, length: length).first
            var low = list.startIndex
            var high = list.endIndex
            while low < high {
                let middle = (low + high) / 2
                let candidate = list[middle]
                if (candidate.prefix.first, candidate.prefix.length) < (network, length) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            while low < list.endIndex, list[low].prefix.length == length, list[low].prefix.first == network {
                result.append(list[low])
                low += 1
            }
        }
        return result
    }

    /// RFC 6811 section 2: valid when a covering VRP matches the origin ASN (never AS0) within its
    /// maxLength; invalid when covering VRPs exist but none matches; not-found when none covers.
    public func validate(_ route: IPPrefix, origin: UInt32) -> OriginValidation {
        let candidates = covering(route)
        guard !candidates.isEmpty else {
            return OriginValidation(validity: .notFound, decidingVRP: nil, reason: "no VRP covers \(route)")
        }
        if let match = candidates.first(where: { $0.asn != 0 && $0.asn == origin && route.length <= $0.maxLength }) {
            return OriginValidation(validity: .valid, decidingVRP: match,
                                    reason: "VRP \(match.prefix) max /\(match.maxLength) AS\(match.asn)")
        }
        let sameASN = candidates.first { $0.asn == origin && $0.asn != 0 }
        if let sameASN {
            return OriginValidation(validity: .invalid, decidingVRP: sameASN,
                                    reason: "\(route) is longer than the maxLength /\(sameASN.maxLength) of "
                                        + "VRP \(sameASN.prefix) AS\(sameASN.asn)")
        }
        let first = candidates[0]
        let names = Set(candidates.map { "AS\($0.asn)" }).sorted().joined(separator: ", ")
        return OriginValidation(validity: .invalid, decidingVRP: first,
                                reason: "covering VRPs authorise \(names), not AS\(origin)")
    }
}
