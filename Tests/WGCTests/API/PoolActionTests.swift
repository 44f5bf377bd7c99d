import API
import Compiler
import Foundation
import Testing

@Suite("API pool actions: allocate, release, whitelist, validate-rpki")
struct PoolActionTests {
    @Test("allocate commits the lowest free aligned prefix for the client; release removes it")
    func allocatesAndReleases() async throws {
        let fixture = try WritesFixture()
        let snapshot = try await fixture.head.current()
        let pool = try #require(snapshot.inventory.pools.first { $0.name == "pool-1" })
        let bob = try #require(snapshot.inventory.clients.first { $0.name == "bob" })
        let expected = try AllocationRequest(pool: "pool-1", client: "bob").allocate(in: snapshot.inventory).prefix
        try await fixture.withServer { client in
            let before = try await client.read("/api/v1/ipv6/pools/\(pool.id)").object["allocated_addresses"] as? Int
            let answer = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/allocate",
                                                #"{"client_id": "\#(bob.id)", "auto_announce": true}"#)
            #expect(answer.status == .created, "\(answer.object)")
            #expect(answer.object["success"] as? Bool == true)
            #expect(answer.object["allocated_prefix"] as? String == expected.description)
            let id = try #require(answer.object["allocation_id"] as? String)
            let after = try await client.read("/api/v1/ipv6/pools/\(pool.id)").object["allocated_addresses"] as? Int
            #expect(after == (before ?? 0) + 1)
            let delegated = try await client.read("/api/v1/wireguard/clients/\(bob.id)")
            #expect("\(delegated.object)".contains(expected.description))

            let unknownClient = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/allocate",
                                                       #"{"client_id": "\#(UUID().uuidString)"}"#)
            #expect(unknownClient.status == .unprocessableContent)
            let wrongLength = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/allocate",
                                                     #"{"client_id": "\#(bob.id)", "prefix_length": 40}"#)
            #expect(wrongLength.status == .unprocessableContent)

            let released = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/release/\(id)")
            #expect(released.status == .ok)
            let again = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/release/\(id)")
            #expect(again.status == .notFound)
        }
        let log = try fixture.log()
        #expect(log.prefix(2) == ["admin|ipv6: release \(expected) from pool pool-1",
                                  "admin|ipv6: allocate \(expected) from pool pool-1 to client bob"])
        #expect(!(try fixture.validateMain().hasErrors))
    }

    @Test("whitelist adds an entry to the pool; one the compiler refuses is a 422")
    func whitelists() async throws {
        let fixture = try WritesFixture()
        let pool = try #require(try await fixture.head.current().inventory.pools.first)
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/whitelist",
                                                #"{"prefix": "2001:db8:ffff::/64", "description": "allowed"}"#)
            #expect(answer.status == .created, "\(answer.object)")
            #expect(answer.object["prefix"] as? String == "2001:db8:ffff::/64")
            let broken = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/whitelist",
                                                #"{"prefix": "2001:db8:ffff::1/64"}"#)
            #expect(broken.status == .unprocessableContent)
        }
        #expect(try fixture.log().first == "admin|ipv6: create whitelist entry 2001:db8:ffff::/64")
    }

    @Test("validate-rpki follows RFC 6811 against the repository's VRPs and the node's ASN", arguments: [
        ("2001:db8:100::/48", true, "Valid", 64),
        ("2001:db8:100:1::/64", true, "Valid", 64),
        ("2001:db8:100:1::/80", false, "Invalid", 64),
        ("2001:db8:200::/48", false, "NotFound", nil),
    ] as [(String, Bool, String, Int?)])
    func validatesRPKI(prefix: String, valid: Bool, reason: String, maxLength: Int?) async throws {
        let fixture = try WritesFixture()
        let pool = try #require(try await fixture.head.current().inventory.pools.first)
        try await fixture.withServer { client in
            let answer = try await client.write(.post, "/api/v1/ipv6/pools/\(pool.id)/validate-rpki",
                                                #"{"prefix": "\#(prefix)"}"#)
            #expect(answer.status == .ok)
            #expect(answer.object["valid"] as? Bool == valid)
            #expect((answer.object["reason"] as? String)?.hasPrefix(reason) == true, "\(answer.object)")
            #expect(answer.object["max_length"] as? Int == maxLength)
            #expect(answer.object["asn"] as? Int == (maxLength == nil ? nil : 65001))
        }
    }
}
