import Foundation
import Hummingbird

/// `/api/v1/users`: list, create, read, update and delete users; superusers only.
struct UserRoutes: APIRoutes {
    let path = "users"
    let store: any APIStore

    func add(to group: RouterGroup<APIRequestContext>) {
        group.add(middleware: SuperuserMiddleware())
        group.get(use: list)
        group.post(use: create)
        group.get(":id", use: show)
        group.patch(":id", use: update)
        group.delete(":id", use: delete)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> [UserResponse] {
        let page = try Page(request)
        return try await store.list(limit: page.limit, offset: page.offset).map(UserResponse.init)
    }

    @Sendable func create(_ request: Request, context: APIRequestContext) async throws
        -> EditedResponse<UserResponse> {
        let body = try await request.decodeStrict(CreateUserBody.self, context: context)
        try Self.validate([UserValidation.problem(username: body.username),
                           body.email.flatMap(UserValidation.problem(email:)),
                           UserValidation.problem(password: body.password)])
        let new = NewUser(username: body.username, email: body.email, password: body.password,
                          isActive: body.isActive ?? true, isSuperuser: body.isSuperuser ?? false)
        let user = try await Self.mapped { try await store.create(new) }
        return EditedResponse(status: .created, headers: [.location: "/api/v1/users/\(user.id)"],
                              response: UserResponse(user))
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        guard let user = try await store.user(id: try Self.id(context)) else { throw UserStoreError.notFound.apiError }
        return UserResponse(user)
    }

    @Sendable func update(_ request: Request, context: APIRequestContext) async throws -> UserResponse {
        let id = try Self.id(context)
        let body = try await request.decodeStrict(UpdateUserBody.self, context: context)
        try Self.validate([body.email.flatMap(UserValidation.problem(email:)),
                           body.password.flatMap(UserValidation.problem(password:))])
        let changes = UserChanges(email: body.email, password: body.password, isActive: body.isActive,
                                  isSuperuser: body.isSuperuser)
        return UserResponse(try await Self.mapped { try await store.update(id: id, changes: changes) })
    }

    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try Self.id(context)
        try await Self.mapped { try await store.delete(id: id) }
        return Response(status: .noContent)
    }

    /// The `{id}` of the path, which must be a UUID (400 otherwise).
    static func id(_ context: APIRequestContext) throws -> String {
        guard let text = context.parameters.get("id"), let uuid = UUID(uuidString: text) else {
            throw APIError(.badRequest, "INVALID_ID", "the user id must be a UUID")
        }
        return uuid.uuidString.lowercased()
    }

    static func validate(_ problems: [String?]) throws {
        let found = problems.compactMap { $0 }
        guard found.isEmpty else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED", found.joined(separator: "; "))
        }
    }

    static func mapped<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as UserStoreError {
            throw error.apiError
        }
    }
}

extension UserRoutes {
    /// `?limit=&offset=` of a list: limit 1–1000 (default 100), offset ≥ 0.
    struct Page {
        var limit = 100
        var offset = 0

        init(_ request: Request) throws {
            let query = request.uri.queryParameters
            if let text = query["limit"] {
                guard let value = Int(text), (1...1000).contains(value) else {
                    throw APIError.badRequest("'limit' must be a whole number from 1 to 1000")
                }
                limit = value
            }
            if let text = query["offset"] {
                guard let value = Int(text), value >= 0 else {
                    throw APIError.badRequest("'offset' must be a whole number, 0 or more")
                }
                offset = value
            }
        }
    }
}
