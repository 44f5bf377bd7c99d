import API
import Foundation
import HTTPTypes
import Testing

@Suite("API: a served path with another method is 405 with Allow, an unknown path 404")
struct MethodNotAllowedTests {
    @Test("405 METHOD_NOT_ALLOWED names the methods the path takes, before any token is asked for")
    func methodNotAllowed() async throws {
        try await APITestServer().run { api in
            let health = try await api.send(.delete, "/api/v1/status/health")
            #expect(health.status == .methodNotAllowed)
            #expect(health.headers[.allow] == "GET")
            let error = try api.error(health)
            #expect(error.errorCode == "METHOD_NOT_ALLOWED")
            #expect(error.detail.contains("DELETE is not served on this path; it takes GET"))

            let user = try await api.send(.put, "/api/v1/users/\(UUID().uuidString)")
            #expect(user.status == .methodNotAllowed)
            let allowed = try #require(user.headers[.allow]).components(separatedBy: ", ")
            #expect(allowed.contains("GET") && allowed.contains("DELETE") && !allowed.contains("PUT"), "\(allowed)")

            let unknown = try await api.send(.delete, "/api/v1/no/such/path")
            #expect(unknown.status == .notFound)
            #expect(try api.error(unknown).errorCode == "NOT_FOUND")
            let tooDeep = try await api.send(.get, "/api/v1/status/health/extra/segments")
            #expect(tooDeep.status == .notFound)
        }
    }
}
