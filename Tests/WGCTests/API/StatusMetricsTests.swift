@testable import API
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("Status: request metrics, JSON and Prometheus")
struct StatusMetricsTests {
    /// The value of the Prometheus sample whose name and labels are `series`, e.g. `x{a="b"}`.
    static func sample(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").lazy.compactMap { line -> Double? in
            guard line.hasPrefix(series + " ") else { return nil }
            return Double(line.dropFirst(series.count + 1))
        }.first
    }

    @Test("GET /metrics, without a token: requests by route, method and status, and their durations")
    func prometheus() async throws {
        let fixture = try ReadsFixture()
        try await StatusTestServer(head: fixture.head).run { api, token in
            for _ in 0..<3 { #expect(try await api.send(.get, "/api/v1/status/health").status == .ok) }
            #expect(try await api.send(.get, "/api/v1/no/such/route").status == .notFound)
            let sessions = try await api.json("/api/v1/bgp/sessions", token: token)
            let id = try #require(sessions.array.first?["id"] as? String)
            #expect(try await api.send(.get, "/api/v1/bgp/sessions/\(id)", token: token).status == .ok)
            let response = try await api.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: response.body)
            let health = #"route="/api/v1/status/health",method="GET""#
            #expect(Self.sample(#"wgc_api_requests_total{\#(health),status="200"}"#, in: text) == 3, "\(text)")
            #expect(Self.sample(#"wgc_api_request_duration_seconds_count{\#(health)}"#, in: text) == 3)
            #expect(Self.sample(#"wgc_api_request_duration_seconds_bucket{\#(health),le="+Inf"}"#, in: text) == 3)
            #expect(Self.sample(#"wgc_api_requests_total{route="NotFound",method="GET",status="404"}"#, in: text) == 1,
                    "\(text)")
            // The route's pattern, never the id asked for: the series stay few.
            #expect(Self.sample(#"wgc_api_requests_total{route="/api/v1/bgp/sessions/{id}",method="GET",status="200"}"#,
                                in: text) == 1)
            #expect(!text.contains(id))
            #expect(text.contains("# TYPE wgc_api_request_duration_seconds histogram"))
            #expect(Self.sample("wgc_api_commits_total", in: text) == 0)
        }
    }

    @Test("GET /status/metrics: counts by status class, error rates, percentiles from the histogram")
    func json() async throws {
        let fixture = try ReadsFixture()
        try await StatusTestServer(head: fixture.head).run { api, token in
            for _ in 0..<8 { #expect(try await api.send(.get, "/api/v1/status/health").status == .ok) }
            #expect(try await api.send(.get, "/api/v1/status/metrics").status == .unauthorized)
            let answer = try await api.json("/api/v1/status/metrics", token: token)
            #expect(answer.status == .ok)
            let requests = try #require(answer.object["requests"] as? [String: Any])
            // Eight probes, the login, the refused request; this one is not counted yet.
            #expect(requests["total"] as? Int == 10)
            let classes = try #require(requests["by_status_class"] as? [String: Int])
            #expect(classes == ["1xx": 0, "2xx": 9, "3xx": 0, "4xx": 1, "5xx": 0])
            #expect(requests["client_error_rate"] as? Double == 10)
            #expect(requests["server_error_rate"] as? Double == 0)
            let performance = try #require(answer.object["performance"] as? [String: Any])
            let latency = try #require(performance["api_response_time"] as? [String: Any])
            #expect(latency["count"] as? Int == 10)
            let figures = try ["avg", "p50", "p95", "p99", "max"].map { key in
                try #require(latency[key] as? Double, "\(key)")
            }
            #expect(figures.allSatisfy { $0 > 0 })
            #expect(figures[1] <= figures[2] && figures[2] <= figures[3] && figures[3] <= figures[4])
            #expect(performance["database_query_time"] is NSNull, "not measured, so not made up")
            #expect(performance["active_connections"] is NSNull, "a server not built by APIServer.application")
            let system = try #require(answer.object["system"] as? [String: Any])
            #expect((system["memory_usage"] as? Double).map { (0...100).contains($0) } == true)
        }
    }

    @Test("commits and writes the compiler rejected, by diagnostic code")
    func writes() async throws {
        let fixture = try WritesFixture()
        try await StatusTestServer(head: fixture.head).run { api, token in
            let rejected = try await api.post("/api/v1/bgp/sessions",
                                              #"{"name": "peer-9", "neighbor": "not-an-address", "remote_as": 65009}"#,
                                              token: token)
            #expect(rejected.status == .unprocessableContent)
            let codes = Set(try #require(rejected.object["diagnostics"] as? [[String: Any]]).compactMap {
                $0["code"] as? String
            })
            let code = try #require(codes.first)
            let created = try await api.post("/api/v1/bgp/sessions",
                                             #"{"name": "peer-9", "neighbor": "192.168.1.9", "remote_as": 65009}"#,
                                             token: token)
            #expect(created.status == .created)
            let text = String(buffer: try await api.send(.get, "/metrics").body)
            #expect(Self.sample("wgc_api_commits_total", in: text) == 1, "\(text)")
            #expect(Self.sample(#"wgc_api_writes_rejected_total{code="\#(code)"}"#, in: text) == 1)
            #expect(Self.sample(#"wgc_api_requests_total{route="/api/v1/bgp/sessions",method="POST",status="422"}"#,
                                in: text) == 1)
            let json = try await api.json("/api/v1/status/metrics", token: token)
            let writes = try #require(json.object["writes"] as? [String: Any])
            #expect(writes["commits"] as? Int == 1)
            let expected = Dictionary(uniqueKeysWithValues: codes.map { ($0, 1) })
            #expect(writes["rejected_by_code"] as? [String: Int] == expected)
        }
    }

    @Test("the server built by APIServer.application counts its open connections: the test client's one")
    func connections() async throws {
        let fixture = try ReadsFixture()
        let server = try await APITestServer()
        let status = ServerStatus(head: fixture.head, store: server.store, birdSocket: nil,
                                  stateDirectory: server.directory.path)
        defer { try? FileManager.default.removeItem(at: server.directory) }
        let router = APIServer.router(routes: [], authentication: server.authentication, isReady: { true },
                                      status: status)
        let configuration = APIServerConfiguration(repository: fixture.workspace.path, inventory: "inventory",
                                                   port: 0, stateDirectory: server.directory.path)
        let app = try APIServer.application(configuration, router: router, logger: Logger(label: "test"),
                                            metrics: status.metrics)
        try await TestExecutor.run {
            try await app.test(.live) { client in
                let api = APITestClient(client: client)
                let token = try await api.tokens().accessToken
                let answer = try await api.json("/api/v1/status/metrics", token: token)
                let performance = try #require(answer.object["performance"] as? [String: Any])
                #expect(performance["active_connections"] as? Int == 1)
                let text = String(buffer: try await api.send(.get, "/metrics").body)
                #expect(Self.sample("wgc_api_connections_open", in: text) == 1, "\(text)")
            }
        }
    }
}
