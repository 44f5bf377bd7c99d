import API
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API authentication")
struct APIAuthTests {
    @Test("login answers the reference's token shape and records last_login")
    func loginShape() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let response = try await api.login()
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(!text.contains(APITestServer.adminPassword) && !text.contains("argon2"))
            let tokens = try api.decode(APITestTokens.self, response)
            #expect(tokens.tokenType == "bearer" && tokens.expiresIn == 900)
            #expect(tokens.user.username == "admin" && tokens.user.isSuperuser && tokens.user.isActive)
            #expect(tokens.user.email == "admin@example.net" && UUID(uuidString: tokens.user.id) != nil)
            #expect(try await server.store.user(username: "admin")?.lastLogin != nil)
        }
    }

    @Test("an unknown user and a wrong password get the same 401 INVALID_CREDENTIALS")
    func badCredentials() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let wrongPassword = try await api.login("admin", "not the password")
            let unknownUser = try await api.login("nobody", APITestServer.adminPassword)
            #expect(wrongPassword.status == .unauthorized && unknownUser.status == .unauthorized)
            let first = try api.error(wrongPassword)
            let second = try api.error(unknownUser)
            #expect(first.errorCode == "INVALID_CREDENTIALS" && first.detail == second.detail)
            #expect(second.errorCode == "INVALID_CREDENTIALS")
        }
    }

    @Test("a deactivated user cannot log in")
    func inactiveLogin() async throws {
        let server = try await APITestServer()
        _ = try await server.store.create(NewUser(username: "retired", password: "retired-password", isActive: false))
        try await server.run { api in
            let response = try await api.login("retired", "retired-password")
            #expect(response.status == .forbidden)
            #expect(try api.error(response).errorCode == "USER_INACTIVE")
        }
    }

    @Test("protected routes need a valid bearer token; probes and login do not")
    func tokenRequired() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            #expect(try await api.send(.get, "/api/v1/status/health").status == .ok)
            for token in [nil, "garbage", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"] {
                let response = try await api.send(.get, "/api/v1/users", token: token)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(try api.error(response).errorCode == "NOT_AUTHENTICATED")
            }
            let tokens = try await api.tokens()
            #expect(try await api.send(.get, "/api/v1/users", token: tokens.accessToken).status == .ok)
            #expect(try await api.send(.get, "/api/v1/users", token: tokens.refreshToken).status == .unauthorized)
        }
    }

    @Test("an expired access token is refused")
    func expiredToken() async throws {
        let server = try await APITestServer(accessLifetime: 1)
        try await server.run { api in
            let tokens = try await api.tokens()
            try await Task.sleep(for: .seconds(2.2))
            let response = try await api.send(.get, "/api/v1/users", token: tokens.accessToken)
            #expect(response.status == .unauthorized)
        }
    }

    @Test("refresh rotates the pair; replaying a used refresh token closes every session of the user")
    func refreshRotationAndReuse() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let first = try await api.tokens()
            let refreshed = try await api.send(.post, "/api/v1/auth/refresh-token", token: first.refreshToken)
            #expect(refreshed.status == .ok)
            let second = try api.decode(APITestTokens.self, refreshed)
            #expect(second.refreshToken != first.refreshToken && second.user.username == "admin")
            #expect(try await api.send(.get, "/api/v1/users", token: second.accessToken).status == .ok)

            let replay = try await api.send(.post, "/api/v1/auth/refresh-token", token: first.refreshToken)
            #expect(replay.status == .unauthorized)
            #expect(try api.error(replay).errorCode == "TOKEN_REUSED")
            #expect(try await api.send(.get, "/api/v1/users", token: second.accessToken).status == .unauthorized)
            let stolen = try await api.send(.post, "/api/v1/auth/refresh-token", token: second.refreshToken)
            #expect(stolen.status == .unauthorized)
            let accessAsRefresh = try await api.send(.post, "/api/v1/auth/refresh-token",
                                                     token: try await api.tokens().accessToken)
            #expect(accessAsRefresh.status == .unauthorized)
        }
    }

    @Test("logout revokes the access token and the session's refresh token, not other sessions")
    func logout() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let session = try await api.tokens()
            let other = try await api.tokens()
            #expect(try await api.send(.post, "/api/v1/auth/logout", token: session.accessToken).status == .noContent)
            #expect(try await api.send(.get, "/api/v1/users", token: session.accessToken).status == .unauthorized)
            let refresh = try await api.send(.post, "/api/v1/auth/refresh-token", token: session.refreshToken)
            #expect(refresh.status == .unauthorized)
            let otherSession = try await api.send(.get, "/api/v1/users", token: other.accessToken)
            #expect(otherSession.status == .ok, "\(String(buffer: otherSession.body))")
            #expect(try await api.send(.post, "/api/v1/auth/logout").status == .unauthorized)
        }
    }

    @Test("too many failed logins answer 429 with Retry-After, even with the right password")
    func rateLimit() async throws {
        let server = try await APITestServer(limiter: LoginRateLimiter(maxFailures: 3, window: 300))
        try await server.run { api in
            for _ in 0..<3 { #expect(try await api.login("admin", "wrong password").status == .unauthorized) }
            let limited = try await api.login()
            #expect(limited.status == .tooManyRequests)
            #expect(try api.error(limited).errorCode == "TOO_MANY_REQUESTS")
            let retryAfter = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 300)
        }
    }

    @Test("login bodies: broken JSON is 400, an unknown field 422, a body over 1 MiB 413")
    func loginBodies() async throws {
        let server = try await APITestServer()
        try await server.run { api in
            let broken = try await api.send(.post, "/api/v1/auth/login", body: #"{"username": "admin", "#)
            #expect(broken.status == .badRequest)
            #expect(try api.error(broken).errorCode == "INVALID_JSON")
            let extra = try await api.send(.post, "/api/v1/auth/login",
                                           body: #"{"username":"admin","password":"x","otp":1}"#)
            #expect(extra.status == .unprocessableContent)
            #expect(try api.error(extra).detail.contains("'otp'"))
            let huge = #"{"username":"admin","password":""# + String(repeating: "a", count: 1_100_000) + #""}"#
            let tooLarge = try await api.send(.post, "/api/v1/auth/login", body: huge)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try api.error(tooLarge).errorCode == "PAYLOAD_TOO_LARGE")
        }
    }
}

@Suite("API general request limit")
struct APIRequestLimitTests {
    @Test("a user past the limit gets 429 with Retry-After; another user is not held back")
    func limitsPerUser() async throws {
        // One token per 1000 s: however slow a loaded machine answers, the bucket does not refill during the test.
        let server = try await APITestServer(requests: RequestRateLimiter(rate: 0.001, burst: 3))
        _ = try await server.store.create(NewUser(username: "viewer", password: "viewer-password"))
        try await server.run { api in
            let admin = try await api.tokens().accessToken
            let viewer = try await api.tokens("viewer", "viewer-password").accessToken
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(Int(try await api.send(.get, "/api/v1/users", token: admin).status.code)) }
            #expect(statuses.prefix(3).allSatisfy { $0 != 429 }, "\(statuses)")
            let limited = try await api.send(.get, "/api/v1/users", token: admin)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap(Int.init).map { $0 >= 1 } == true)
            #expect(try api.error(limited).errorCode == "RATE_LIMITED")
            #expect(try await api.send(.get, "/api/v1/users", token: viewer).status != .tooManyRequests)
        }
    }
}
