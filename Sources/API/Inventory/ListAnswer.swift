import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// One page of a list: the items' JSON, already encoded, joined into an array (wrapped in an object for lists
/// the reference wraps), and how many items the whole list has in `X-Total-Count`.
struct ListAnswer: ResponseGenerator {
    var items: [[UInt8]]
    var total: Int
    /// The object key the array is put under, `{"announcements": [...]}`; nil for a bare array.
    var wrappedIn: String?

    init(items: [[UInt8]], total: Int, wrappedIn: String? = nil) {
        self.items = items
        self.total = total
        self.wrappedIn = wrappedIn
    }

    /// A page of `values`, encoded here.
    init(encoding values: [some Encodable], total: Int) throws {
        self.init(items: try values.map { Array(try APIJSON.encoder.encode($0)) }, total: total)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(items.reduce(16 + (wrappedIn?.utf8.count ?? 0)) { $0 + $1.count + 1 })
        if let wrappedIn { buffer.writeString("{\"\(wrappedIn)\":") }
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            buffer.writeBytes(item)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
        if wrappedIn != nil { buffer.writeInteger(UInt8(ascii: "}")) }
        return Response(status: .ok,
                        headers: [.contentType: "application/json; charset=utf-8", Self.totalCount: String(total)],
                        body: ResponseBody(byteBuffer: buffer))
    }

    static var totalCount: HTTPField.Name { HTTPField.Name("X-Total-Count")! }
}

/// One resource's JSON answer, already encoded.
struct JSONAnswer: ResponseGenerator {
    var bytes: [UInt8]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension ResourceTable {
    /// The page `request` asks for, as a JSON array, or under `key` in an object.
    func list(_ request: Request, wrappedIn key: String? = nil) throws -> ListAnswer {
        ListAnswer(items: try page(try Page(request)), total: count, wrappedIn: key)
    }
}
