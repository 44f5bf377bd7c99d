import Foundation
import Hummingbird

/// What wgc's `GET /api/v1/status/health` answers, made the same way: a fresh timestamp each request, encoded by a
/// JSON encoder with wgc's settings, so the floor differs from wgc only by what wgc adds around the handler.
struct Health: Encodable {
    var status = "healthy"
    var timestamp: String
    var version = "0.1.0"
}

let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}()

guard CommandLine.arguments.count == 2, let port = Int(CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: floor PORT (serves on 127.0.0.1:PORT)\n".utf8))
    exit(2)
}

let router = Router()
router.get("/api/v1/status/health") { _, _ -> Response in
    let body = try encoder.encode(Health(timestamp: Date().formatted(.iso8601)))
    return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
}
let app = Application(router: router,
                      configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "wgc"))
try await app.runService()
