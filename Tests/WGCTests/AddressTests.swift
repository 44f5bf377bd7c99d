import Compiler
import Testing

@Suite("IP addresses and prefixes")
struct AddressTests {
    @Test("parses and prints addresses in canonical (RFC 5952) form", arguments: [
        ("192.0.2.1", "192.0.2.1"),
        ("0.0.0.0", "0.0.0.0"),
        ("::", "::"),
        ("::1", "::1"),
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("2001:db8::", "2001:db8::"),
        ("fe80::1:2", "fe80::1:2"),
        ("::ffff:192.0.2.1", "::ffff:c000:201"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
    ])
    func canonical(_ input: String, _ expected: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.description == expected)
        #expect(IPAddress(address.description) == address)
    }

    @Test("refuses what is not an address", arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", ":", ":::", "1::2::3", "12345::",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "g::1", "2001:db8::/32", " 1.2.3.4", "::1.2.3",
    ])
    func invalid(_ input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test("prefix containment, overlap and host bits")
    func prefixes() throws {
        guard case .success(let pool) = IPPrefix.parse("2001:db8:100::/48"),
              case .success(let inside) = IPPrefix.parse("2001:db8:100:ff00::/56"),
              case .success(let outside) = IPPrefix.parse("2001:db8:101::/56"),
              case .success(let hosty) = IPPrefix.parse("10.0.0.1/24")
        else { Issue.record("parse failed"); return }
        #expect(pool.contains(inside))
        #expect(!pool.contains(outside))
        #expect(inside.overlaps(pool) && pool.overlaps(inside))
        #expect(!pool.overlaps(outside))
        #expect(hosty.hasHostBits)
        #expect(hosty.network.description == "10.0.0.0/24")
        #expect(IPPrefix.parse("10.0.0.0/33") == .failure(.invalidLength))
        #expect(IPPrefix.parse("10.0.0.0/") == .failure(.invalidLength))
        #expect(IPPrefix.parse("10.0.0/8") == .failure(.invalidAddress))
    }
}
