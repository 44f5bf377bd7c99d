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

@Suite("VRP exports")
struct VRPLoaderTests {
    @Test("reads rpki-client and Routinator JSON: ASNs as numbers or AS-strings, other fields skipped")
    func readsBothFormats() {
        let rpkiClient = """
            {"metadata": {"buildmachine": "x", "vrps": 2, "nested": {"a": [1, 2.5e3, null, true, "\\u00e9\\""]}},
             "roas": [{"asn": 65001, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "ripe", "expires": 1767225600},
                      {"asn": 0, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "arin", "expires": 1767225600}]}
            """
        let routinator = """
            {"roas": [{"asn": "AS65002", "prefix": "2001:db8:ff00::/40", "maxLength": 40, "ta": "apnic"}]}
            """
        let first = VRPLoader.load(SourceFile(path: "a.json", bytes: Array(rpkiClient.utf8)))
        #expect(first.diagnostics.isEmpty, "\(first.diagnostics)")
        #expect(first.vrps == [VRP(prefix: OriginValidationTests.prefix("2001:db8::/32"), maxLength: 48, asn: 65001),
                               VRP(prefix: OriginValidationTests.prefix("192.0.2.0/24"), maxLength: 24, asn: 0)])
        let second = VRPLoader.load(SourceFile(path: "b.json", bytes: Array(routinator.utf8)))
        #expect(second.vrps == [VRP(prefix: OriginValidationTests.prefix("2001:db8:ff00::/40"), maxLength: 40, asn: 65002)])
    }

    @Test("bad entries are reported at their line and column; good ones are kept")
    func reportsBadEntries() {
        let text = """
            {"roas": [
              {"asn": "AS65001", "prefix": "2001:db8::/32", "maxLength": 48},
              {"asn": "ASX", "prefix": "2001:db8::/32", "maxLength": 48},
                {"asn": 65001, "prefix": "2001:db8::1/32", "maxLength": 48}
            ]}
            """
        let loaded = VRPLoader.load(SourceFile(path: "v.json", bytes: Array(text.utf8)))
        #expect(loaded.vrps.count == 1)
        #expect(loaded.diagnostics.map(\.location) == [FileLocation(file: "v.json", line: 3, column: 3),
                                                        FileLocation(file: "v.json", line: 4, column: 5)])
        let broken = VRPLoader.load(SourceFile(path: "w.json", bytes: Array("{\"roas\": [ {\"asn\": 1,".utf8)))
        #expect(broken.vrps.isEmpty)
        #expect(broken.diagnostics.first?.code == .invalidVRP)
    }
}
