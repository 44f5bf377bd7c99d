import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Paging, unknown ids and bad queries, answered in the reference's error shape.
@Suite("Reads: paging and errors")
struct ReadsQueryTests {
    static let lists = ["bgp/sessions", "bgp/announcements", "ipv6/pools", "wireguard/servers", "wireguard/clients"]

    @Test("limit and offset page a list, and X-Total-Count says how long it is")
    func paging() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            let second = try await client.read("/api/v1/wireguard/clients?limit=1&offset=1")
            #expect(second.status == .ok)
            #expect(second.array.map { $0["name"] as? String } == ["bob"])
            #expect(second.headers[.init("X-Total-Count")!] == "3")
            let rest = try await client.read("/api/v1/wireguard/clients?offset=1")
            #expect(rest.array.map { $0["name"] as? String } == ["bob", "carol"])
            let past = try await client.read("/api/v1/wireguard/clients?offset=10")
            #expect(past.status == .ok)
            #expect(past.array.isEmpty)
            let huge = try await client.read("/api/v1/wireguard/clients?limit=\(Int.max)&offset=2")
            #expect(huge.status == .ok)
            #expect(huge.array.map { $0["name"] as? String } == ["carol"])
            let hugeOffset = try await client.read("/api/v1/wireguard/clients?limit=\(Int.max)&offset=\(Int.max)")
            #expect(hugeOffset.status == .ok && hugeOffset.array.isEmpty)
            let first = try await client.read("/api/v1/bgp/announcements?limit=1")
            #expect((first.object["announcements"] as? [Any])?.count == 1)
        }
    }

    @Test("a bad limit or offset is a 400 in the error shape", arguments: [
        "limit=0", "limit=-1", "limit=ten", "offset=-1", "offset=1.5", "limit=",
    ])
    func badQuery(query: String) async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            for list in Self.lists {
                let answer = try await client.read("/api/v1/\(list)?\(query)")
                #expect(answer.status == .badRequest, "\(list)?\(query)")
                #expect(answer.object["error_code"] as? String == "INVALID_QUERY")
                #expect(answer.object["detail"] is String)
                #expect(answer.object["timestamp"] is String)
            }
        }
    }

    @Test("an unknown id is a 404 NOT_FOUND, and what is not a UUID a 400")
    func unknownID() async throws {
        let fixture = try ReadsFixture()
        try await fixture.withServer { client in
            for list in Self.lists {
                let unknown = try await client.read("/api/v1/\(list)/\(UUID().uuidString.lowercased())")
                #expect(unknown.status == .notFound, "\(list)")
                #expect(unknown.object["error_code"] as? String == "NOT_FOUND")
                #expect(unknown.object["detail"] is String)
                #expect(unknown.object["timestamp"] is String)
                let malformed = try await client.read("/api/v1/\(list)/peer-1")
                #expect(malformed.status == .badRequest, "\(list)")
                #expect(malformed.object["error_code"] as? String == "INVALID_ID")
            }
        }
    }
}
