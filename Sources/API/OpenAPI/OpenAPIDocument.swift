import Foundation

/// The OpenAPI 3.1 document of the API, served at `GET /api/v1/openapi.json`: every route of `APIServer.router`
/// (`OpenAPIDocumentTests` walks the router and fails on any difference), its parameters, bodies, answers and
/// errors in the reference's shape.
public enum OpenAPIDocument {
    /// Every operation, in the order the document's readers meet them.
    static let operations: [OpenAPIOperation] = OpenAPIPaths.access + OpenAPIPaths.inventory + OpenAPIPaths.status

    static let document: OpenAPIValue = [
        "openapi": "3.1.0",
        "info": [
            "title": "wgc",
            "version": .string(APIServer.version),
            "description": "GitOps for IPv6 WireGuard and BGP edge routers: every write is a validated git commit.",
        ],
        "paths": .object(paths),
        "components": [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
            "schemas": .object(OpenAPISchemas.all),
            "responses": .object(errorResponses),
        ],
    ]

    /// The document as JSON, encoded once.
    public static let json: [UInt8] = Array((try? APIJSON.encoder.encode(document)) ?? Data())

    private static var paths: [String: OpenAPIValue] {
        Dictionary(grouping: operations, by: \.path).mapValues { operations in
            OpenAPIValue.object(Dictionary(uniqueKeysWithValues: operations.map { ($0.method, $0.document) }))
        }
    }

    /// The error answers operations refer to, by status: all in the reference's error shape.
    private static var errorResponses: [String: OpenAPIValue] {
        let meanings = [400: "The request is malformed (its JSON, a query parameter or an id)",
                        401: "No valid bearer token",
                        403: "Not allowed (a superuser is needed, or the user is inactive)",
                        404: "No such resource",
                        409: "A conflict: the branch moved, the repository is busy, or BIRD refused",
                        413: "The body is over 1 MiB",
                        426: "This URL is a WebSocket: open it with an Upgrade: websocket request",
                        422: "The body or the inventory it makes is invalid; VALIDATION_FAILED carries `diagnostics`",
                        429: "Too many requests; `Retry-After` says when to retry",
                        500: "The server failed", 502: "BIRD's answer could not be read",
                        503: "Not available now (the inventory, the push remote or BIRD)"]
        var responses: [String: OpenAPIValue] = [:]
        for (status, meaning) in meanings {
            responses[String(status)] = ["description": .string(meaning),
                                         "content": ["application/json": ["schema": Schema.ref("Error")]]]
        }
        return responses
    }
}

/// The operations of the document, by area of the API.
enum OpenAPIPaths {}

/// The named schemas of the document, by area of the API.
enum OpenAPISchemas {
    static let all: [String: OpenAPIValue] = access.merging(resources) { first, _ in first }
        .merging(writes) { first, _ in first }.merging(status) { first, _ in first }
}
