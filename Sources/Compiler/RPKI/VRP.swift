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

/// VRPs indexed by family and prefix length, so covering VRPs of a route are found with one lookup per length.
public struct VRPSet: Sendable {
    private var index: [IPAddress.Family: [Int: [UInt128: [VRP]]]] = [:]
    private var lengths: [IPAddress.Family: [Int]] = [:]
    public private(set) var count = 0

    public init() {}

    public init(_ vrps: some Sequence<VRP>) {
        for vrp in vrps { insert(vrp) }
    }

    public mutating func insert(_ vrp: VRP) {
        let family = vrp.prefix.family
        let key = vrp.prefix.first
        if index[family, default: [:]][vrp.prefix.length] == nil {
            lengths[family, default: []].append(vrp.prefix.length)
            lengths[family]!.sort()
        }
        index[family, default: [:]][vrp.prefix.length, default: [:]][key, default: []].append(vrp)
        count += 1
    }

    public var isEmpty: Bool { count == 0 }

    /// Every VRP, in a stable order (family, prefix, maxLength, ASN).
    public var all: [VRP] {
        index.values.flatMap { $0.values.flatMap { $0.values.flatMap { $0 } } }
            .sorted { lhs, rhs in
                lhs.prefix != rhs.prefix ? lhs.prefix < rhs.prefix : (lhs.maxLength, lhs.asn) < (rhs.maxLength, rhs.asn)
            }
    }

    /// VRPs whose prefix covers `route` (RFC 6811 "Covered").
    public func covering(_ route: IPPrefix) -> [VRP] {
        guard let byLength = index[route.family], let lengths = lengths[route.family] else { return [] }
        var result: [VRP] = []
        for length in lengths where length <= route.length {
            let network = IPPrefix(address: route.address, length: length).first
            if let found = byLength[length]?[network] { result += found }
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
