import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The context of every API request: Hummingbird's core, the authenticated user once a bearer token was checked,
/// and JSON coding as the reference writes it (snake_case, ISO 8601).
public struct APIRequestContext: AuthRequestContext, RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: APIUser?
    /// The client's address, which the login rate limit counts failures under.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        remoteAddress = source.channel.remoteAddress
    }

    /// Larger bodies are refused with 413 (see `RequestBodyLimitMiddleware`).
    public var maxUploadSize: Int { 1 << 20 }

    public var requestDecoder: APIRequestDecoder { APIRequestDecoder() }
    public var responseEncoder: APIResponseEncoder { APIResponseEncoder() }
}

/// The authenticated caller of a request.
public struct APIUser: Sendable, Equatable {
    public var id: String
    public var username: String
    public var isSuperuser: Bool

    public init(id: String, username: String, isSuperuser: Bool) {
        self.id = id
        self.username = username
        self.isSuperuser = isSuperuser
    }
}

/// Request bodies: JSON only, snake_case keys; anything else is a 400 in the error shape.
public struct APIRequestDecoder: RequestDecoder {
    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws
        -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("a JSON body is required") }
        return try APIJSON.decoder.decode(T.self, from: Data(buffer: buffer))
    }
}

/// Response bodies: JSON as the reference writes it.
public struct APIResponseEncoder: ResponseEncoder {
    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let data = try APIJSON.encoder.encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
