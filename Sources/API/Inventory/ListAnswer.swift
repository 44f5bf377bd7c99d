import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One page of a list: the JSON body, and how many items the whole list has in `X-Total-Count`.
struct ListAnswer<Body: Encodable & Sendable>: ResponseGenerator {
    var body: Body
    var total: Int

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try APIJSON.encoder.encode(body)
        return Response(status: .ok,
                        headers: [.contentType: "application/json; charset=utf-8",
                                  Self.totalCount: String(total)],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static var totalCount: HTTPField.Name { HTTPField.Name("X-Total-Count")! }
}

extension ResourceTable where Item: Encodable {
    /// The page `request` asks for, as a bare JSON array.
    func list(_ request: Request) throws -> ListAnswer<[Item]> {
        ListAnswer(body: Array(page(try Page(request))), total: items.count)
    }
}
