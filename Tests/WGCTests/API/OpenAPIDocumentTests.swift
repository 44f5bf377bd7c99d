@testable import API
import Compiler
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The OpenAPI document against the router `wgc serve` builds: the same routes and methods, both ways.
@Suite("OpenAPI: the document matches the router")
struct OpenAPIDocumentTests {
    /// `GET /api/v1/users/{id}` for every route the router of `wgc serve` serves (every collection, status on).
    static func servedRoutes() async throws -> Set<String> {
        let fixture = try ReadsFixture()
        let server = try await StatusTestServer(head: fixture.head)
        defer { try? FileManager.default.removeItem(at: server.server.directory) }
        let live = LiveUpdates(authentication: server.server.authentication, status: server.status)
        let router = APIServer.router(routes: InventoryRoutes.all(head: fixture.head, live: live),
                                      authentication: server.server.authentication, isReady: { true },
                                      status: server.status, live: live)
        return Set(router.routes.map { "\($0.method.rawValue) \($0.path)" })
    }

    static var documentedRoutes: Set<String> {
        Set(OpenAPIDocument.operations.map { "\($0.method.uppercased()) \($0.path)" })
    }

    @Test("every route the server serves is documented, and every documented route is served")
    func noDrift() async throws {
        let served = try await Self.servedRoutes()
        let documented = Self.documentedRoutes
        #expect(served.subtracting(documented).sorted() == [], "served but not documented")
        #expect(documented.subtracting(served).sorted() == [], "documented but not served")
        #expect(served.count > 40)
    }

    @Test("no route is documented twice")
    func noDuplicates() {
        #expect(OpenAPIDocument.operations.count == Self.documentedRoutes.count)
        let ids = OpenAPIDocument.operations.map(\.operationID)
        #expect(Set(ids).count == ids.count)
    }

    @Test("every field a write takes has a JSON type in the document", arguments: [
        ResourceKind.bgpSession, .bgpAnnouncement, .prefixPool, .wireGuardServer, .wireGuardClient,
    ])
    func writableFieldsTyped(kind: ResourceKind) {
        let untyped = kind.writableFields.filter { OpenAPISchemas.fieldTypes[$0] == nil }
        #expect(untyped.sorted() == [], "\(kind)")
    }

    @Test("the document is OpenAPI 3.1, every $ref resolves and every operation needing a token says so")
    func wellFormed() throws {
        let document = try JSONValue.parse(OpenAPIDocument.json)
        #expect(document["openapi"] == .string("3.1.0"))
        #expect(document["components"]?["securitySchemes"]?["bearer"]?["scheme"] == .string("bearer"))
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let reference = members["$ref"]?.text { references.append(reference) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(references.count > 100)
        let unresolved = references.filter { reference in
            reference.split(separator: "/").dropFirst().reduce(Optional(document)) { $0?[String($1)] } == nil
        }
        #expect(unresolved == [])
        let users = try #require(document["paths"]?["/api/v1/users/{id}"]?["get"])
        #expect(users["security"] == .array([.object(["bearer": .array([])])]))
        #expect(users["responses"]?["403"] != nil && users["responses"]?["404"] != nil)
        #expect(document["paths"]?["/api/v1/status/health"]?["get"]?["security"] == .array([]))
    }

    @Test("GET /api/v1/openapi.json serves the document without a token")
    func served() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let response = try await api.send(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let served = try JSONValue.parse(Data(buffer: response.body))
            #expect(served == (try JSONValue.parse(OpenAPIDocument.json)))
            #expect(served["paths"]?["/api/v1/openapi.json"]?["get"] != nil)
        }
    }
}
