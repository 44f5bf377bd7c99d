/// One operation of the document: a method on a path, who may call it, what it takes and what it answers. The
/// error answers follow from the rest (a token: 401 and 429; a superuser: 403; a path id: 400 and 404; a body:
/// 400, 413 and 422) plus `errors`, the statuses this operation adds.
struct OpenAPIOperation: Sendable {
    enum Access: Sendable { case open, token, superuser }

    /// A success answer: its description and JSON schema (nil: no body), or plain text.
    struct Answer: Sendable {
        var description: String
        var schema: OpenAPIValue?
        var mediaType = "application/json"
        /// Lists carry `X-Total-Count`, how many items the whole list has.
        var counted = false

        /// A JSON answer.
        static func json(_ description: String, _ schema: OpenAPIValue, counted: Bool = false) -> Answer {
            Answer(description: description, schema: schema, counted: counted)
        }
    }

    var method: String
    /// As the router writes it: `/api/v1/users/{id}`.
    var path: String
    var summary: String
    var tag: String
    var access: Access
    var query: [OpenAPIValue] = []
    var body: OpenAPIValue?
    var answers: [Int: Answer]
    var errors: [Int] = []

    /// The `{name}` segments of the path.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
            .map { String($0.dropFirst().dropLast()) }
    }

    /// Every status an error of this operation may have.
    var errorStatuses: [Int] {
        var statuses = Set(errors)
        if access != .open { statuses.formUnion([401, 429]) }
        if access == .superuser { statuses.insert(403) }
        if !pathParameters.isEmpty { statuses.formUnion([400, 404]) }
        if !query.isEmpty { statuses.insert(400) }
        if body != nil { statuses.formUnion([400, 413, 422]) }
        return statuses.sorted()
    }

    /// The operation object of the document.
    var document: OpenAPIValue {
        var members: [String: OpenAPIValue] = [
            "summary": .string(summary),
            "tags": [.string(tag)],
            "operationId": .string(operationID),
            "responses": .object(responses),
        ]
        let parameters = pathParameters.map { name -> OpenAPIValue in
            ["name": .string(name), "in": "path", "required": true, "schema": Schema.uuid]
        } + query
        if !parameters.isEmpty { members["parameters"] = .array(parameters) }
        if let body {
            members["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
        }
        members["security"] = access == .open ? [] : [["bearer": []]]
        return .object(members)
    }

    private var responses: [String: OpenAPIValue] {
        var responses: [String: OpenAPIValue] = [:]
        for (status, answer) in answers {
            var response: [String: OpenAPIValue] = ["description": .string(answer.description)]
            if let schema = answer.schema {
                response["content"] = .object([answer.mediaType: ["schema": schema]])
            }
            if answer.counted {
                response["headers"] = ["X-Total-Count": ["description": "How many items the whole list has",
                                                         "schema": Schema.integer]]
            }
            responses[String(status)] = .object(response)
        }
        for status in errorStatuses where responses[String(status)] == nil {
            responses[String(status)] = ["$ref": .string("#/components/responses/\(status)")]
        }
        return responses
    }

    /// `get_api_v1_users_id`: unique per method and path.
    var operationID: String {
        let words = path.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return ([method] + words).joined(separator: "_")
    }
}

extension OpenAPIOperation {
    /// `?limit=` and `?offset=`, as `Page` reads them.
    /// Both are whole numbers the server can hold (a 64-bit integer; larger ones are a 400).
    static let paging: [OpenAPIValue] = [
        ["name": "limit", "in": "query", "required": false, "description": "How many items, at least 1",
         "schema": ["type": "integer", "minimum": 1, "maximum": .int(Int.max)]],
        ["name": "offset", "in": "query", "required": false, "description": "How many items to skip",
         "schema": ["type": "integer", "minimum": 0, "maximum": .int(Int.max), "default": 0]],
    ]

    /// `?limit=` with an upper bound.
    static func limit(maximum: Int) -> OpenAPIValue {
        ["name": "limit", "in": "query", "required": false, "description": .string("How many items, 1 to \(maximum)"),
         "schema": ["type": "integer", "minimum": 1, "maximum": .int(maximum)]]
    }
}
