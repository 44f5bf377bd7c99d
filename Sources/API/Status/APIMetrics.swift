import Foundation
import HTTPTypes
import Metrics
import Prometheus
import Synchronization

/// The server's own request metrics, recorded by `MetricsMiddleware` through swift-metrics into a Prometheus
/// registry of this server's (not the process-wide one, so that several servers in one process keep apart):
/// requests by route, method and status; their duration as a Prometheus histogram and, for the JSON answer, a
/// fine-grained `LatencyHistogram`; requests in flight; commits made; writes the compiler rejected, by diagnostic
/// code. Every figure counts since the server started.
public final class APIMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let state = Mutex(State())
    private let inFlight: Metrics.Meter
    private let connections: Metrics.Meter
    private let openConnections = Atomic<Int>(0)
    /// Whether the server counts its connections (`APIServer.application` does; a test's bare server does not).
    private let countsConnections = Atomic<Bool>(false)
    private let commits: Metrics.Counter
    private let webSockets: Metrics.Meter
    private let webSocketsDropped: Metrics.Counter
    private let openWebSockets = Atomic<Int>(0)
    /// When counting started.
    let started = Date()

    /// The Prometheus histogram's buckets: from a health probe's fraction of a millisecond to a slow push.
    static let buckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    static let requestsName = "wgc_api_requests_total"
    static let durationName = "wgc_api_request_duration_seconds"
    static let inFlightName = "wgc_api_requests_in_flight"
    static let connectionsName = "wgc_api_connections_open"
    static let commitsName = "wgc_api_commits_total"
    static let rejectedName = "wgc_api_writes_rejected_total"
    static let webSocketsName = "wgc_api_websocket_connections"
    static let webSocketsDroppedName = "wgc_api_websocket_dropped_total"

    private struct State {
        var routes: [RouteKey: RouteSeries] = [:]
        var rejections: [String: Metrics.Counter] = [:]
        var latency = LatencyHistogram()
        /// Answers by status class: index 1 for 1xx … 5 for 5xx.
        var classes = [UInt64](repeating: 0, count: 6)
        var rejected: [String: UInt64] = [:]
        /// The commits of the head already added to the counter.
        var commitsCounted = 0
    }

    private struct RouteKey: Hashable {
        var route: String
        var method: HTTPRequest.Method
        var status: Int
    }

    private struct RouteSeries {
        var requests: Metrics.Counter
        var duration: Metrics.Timer
    }

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = Self.buckets
        self.factory = factory
        inFlight = Metrics.Meter(label: Self.inFlightName, dimensions: [], factory: factory)
        connections = Metrics.Meter(label: Self.connectionsName, dimensions: [], factory: factory)
        commits = Metrics.Counter(label: Self.commitsName, dimensions: [], factory: factory)
        webSockets = Metrics.Meter(label: Self.webSocketsName, dimensions: [], factory: factory)
        webSocketsDropped = Metrics.Counter(label: Self.webSocketsDroppedName, dimensions: [], factory: factory)
    }

    func requestStarted() { inFlight.increment() }

    /// From now on connections are counted (by a `ConnectionCounter` in each one's pipeline).
    func countConnections() { countsConnections.store(true, ordering: .relaxed) }

    func connectionOpened() {
        openConnections.add(1, ordering: .relaxed)
        connections.increment()
    }

    func connectionClosed() {
        openConnections.subtract(1, ordering: .relaxed)
        connections.decrement()
    }

    /// The WebSocket connections open now.
    func webSocketConnections(_ count: Int) {
        openWebSockets.store(count, ordering: .relaxed)
        webSockets.set(count)
    }

    var activeWebSockets: Int { openWebSockets.load(ordering: .relaxed) }

    /// A WebSocket client dropped because it did not read its messages fast enough.
    func webSocketDropped() { webSocketsDropped.increment() }

    /// The connections open now; nil when they are not counted.
    var activeConnections: Int? {
        countsConnections.load(ordering: .relaxed) ? openConnections.load(ordering: .relaxed) : nil
    }

    /// Counts one answered request. `route` is the route's pattern (`/api/v1/bgp/sessions/{id}`), never the path
    /// asked for, so that the series stay few.
    func record(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status, duration: Duration) {
        inFlight.decrement()
        let key = RouteKey(route: route, method: method, status: status.code)
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        let series = state.withLock { state -> RouteSeries in
            state.latency.record(microseconds: UInt64(max(0, nanoseconds / 1000)))
            state.classes[min(max(status.code / 100, 0), 5)] += 1
            if let series = state.routes[key] { return series }
            let dimensions = [("route", route), ("method", method.rawValue)]
            let series = RouteSeries(
                requests: Metrics.Counter(label: Self.requestsName,
                                          dimensions: dimensions + [("status", "\(status.code)")], factory: factory),
                duration: Metrics.Timer(label: Self.durationName, dimensions: dimensions, factory: factory))
            state.routes[key] = series
            return series
        }
        series.requests.increment()
        series.duration.recordNanoseconds(nanoseconds)
    }

    /// Counts a write the compiler refused, once under each diagnostic code among its errors.
    func recordRejection(codes: Set<String>) {
        let counters = state.withLock { state in
            codes.map { code in
                state.rejected[code, default: 0] += 1
                if let counter = state.rejections[code] { return counter }
                let counter = Metrics.Counter(label: Self.rejectedName, dimensions: [("code", code)], factory: factory)
                state.rejections[code] = counter
                return counter
            }
        }
        for counter in counters { counter.increment() }
    }

    /// Brings the commit counter up to `made`, the commits the inventory head has made so far.
    func countCommits(made: Int) {
        let added = state.withLock { state in
            defer { state.commitsCounted = max(state.commitsCounted, made) }
            return max(0, made - state.commitsCounted)
        }
        if added > 0 { commits.increment(by: added) }
    }

    /// The Prometheus text exposition of every series.
    func exposition() -> String { registry.emitToString() }

    /// The figures of the JSON answer.
    func summary() -> RequestSummary {
        state.withLock { state in
            let latency = state.latency
            return RequestSummary(count: latency.count, meanMicroseconds: latency.mean, p50: latency.percentile(50),
                                  p95: latency.percentile(95), p99: latency.percentile(99),
                                  maximum: latency.count == 0 ? nil : latency.maximum, classes: state.classes,
                                  rejected: state.rejected, commits: state.commitsCounted)
        }
    }
}

/// A copy of the request figures at one moment.
struct RequestSummary: Sendable {
    var count: UInt64
    var meanMicroseconds: Double?
    var p50: UInt64?
    var p95: UInt64?
    var p99: UInt64?
    var maximum: UInt64?
    var classes: [UInt64]
    var rejected: [String: UInt64]
    var commits: Int

    /// The share of requests answered with status class `hundreds` (4 for 4xx), in percent; nil with no request.
    func rate(_ hundreds: Int) -> Double? {
        count == 0 ? nil : Double(classes[hundreds]) / Double(count) * 100
    }
}
