import Compiler
import Testing

/// RFC 6811 section 2, as a table: each route and origin against a fixed set of VRPs.
@Suite("RPKI origin validation (RFC 6811)")
struct OriginValidationTests {
    static let vrps = VRPSet([
        VRP(prefix: prefix("2001:db8::/32"), maxLength: 48, asn: 65001),
        VRP(prefix: prefix("2001:db8:ff00::/40"), maxLength: 40, asn: 65002),
        VRP(prefix: prefix("192.0.2.0/24"), maxLength: 24, asn: 65001),
        VRP(prefix: prefix("198.51.100.0/24"), maxLength: 24, asn: 0),
        VRP(prefix: prefix("203.0.113.0/24"), maxLength: 24, asn: 0),
        VRP(prefix: prefix("203.0.113.0/24"), maxLength: 25, asn: 65005),
    ])

    static func prefix(_ text: String) -> IPPrefix {
        guard case .success(let prefix) = IPPrefix.parse(text) else { fatalError("bad test prefix \(text)") }
        return prefix
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var route: String
        var origin: UInt32
        var expected: OriginValidity
        var why: String
        var testDescription: String { "\(route) AS\(origin): \(why)" }
    }

    static let cases: [Case] = [
        Case(route: "2001:db8::/32", origin: 65001, expected: .valid, why: "exact match"),
        Case(route: "2001:db8:1::/48", origin: 65001, expected: .valid, why: "covered, within maxLength"),
        Case(route: "2001:db8:1:1::/64", origin: 65001, expected: .invalid, why: "longer than maxLength"),
        Case(route: "2001:db8:1::/48", origin: 65009, expected: .invalid, why: "covered, other ASN"),
        Case(route: "2001:db8:ff00::/40", origin: 65002, expected: .valid, why: "second VRP matches"),
        Case(route: "2001:db8:ff00::/40", origin: 65001, expected: .valid,
             why: "a less specific VRP of AS65001 with maxLength 48 authorises it too"),
        Case(route: "2001:db8:ff00::/40", origin: 65009, expected: .invalid, why: "two covering VRPs, neither AS"),
        Case(route: "2001:db9::/32", origin: 65001, expected: .notFound, why: "no covering VRP"),
        Case(route: "2001:d00::/24", origin: 65001, expected: .notFound, why: "less specific than every VRP"),
        Case(route: "192.0.2.0/24", origin: 65001, expected: .valid, why: "IPv4 exact"),
        Case(route: "192.0.2.0/25", origin: 65001, expected: .invalid, why: "IPv4 longer than maxLength"),
        Case(route: "198.51.100.0/24", origin: 0, expected: .invalid, why: "AS0 VRP never matches, even origin 0"),
        Case(route: "198.51.100.0/24", origin: 65001, expected: .invalid, why: "AS0 VRP makes the space invalid"),
        Case(route: "203.0.113.0/25", origin: 65005, expected: .valid, why: "AS0 VRP does not hide a real one"),
        Case(route: "10.0.0.0/8", origin: 65001, expected: .notFound, why: "IPv4 not found"),
    ]

    @Test("route origin validation state", arguments: cases)
    func validates(_ testCase: Case) {
        let result = Self.vrps.validate(Self.prefix(testCase.route), origin: testCase.origin)
        #expect(result.validity == testCase.expected, "\(result.reason)")
    }

    @Test("the VRP that decides a valid route is the matching one")
    func decidingVRP() {
        let result = Self.vrps.validate(Self.prefix("2001:db8:ff00::/40"), origin: 65002)
        #expect(result.decidingVRP == VRP(prefix: Self.prefix("2001:db8:ff00::/40"), maxLength: 40, asn: 65002))
    }
}
