import Hummingbird
import NIOCore

/// `GET /api/v1/openapi.json`: the API's OpenAPI 3.1 document, open to all (no secret is in it).
struct OpenAPIRoutes {
    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
        }
    }
}
