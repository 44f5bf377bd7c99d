import Foundation
import Prometheus
import Synchronization

/// The agent's Prometheus metrics: cycles by outcome, apply durations, the applied revision, BGP sessions by
/// state, and per WireGuard peer (by interface and client name) the latest handshake and transfer counters.
public final class AgentMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let applyDuration: DurationHistogram
    private let appliedTimestamp: Gauge
    private let seen = Mutex(Seen())

    /// What the last refresh exported, so series of peers, states and revisions that are gone are removed.
    private struct Seen {
        var revision: Gauge?
        var sessionStates: Set<String> = []
        var peers: [PeerKey: PeerSeries] = [:]
    }

    private struct PeerKey: Hashable {
        var interface: String
        var client: String
    }

    private struct PeerSeries {
        var handshake: Gauge
        var received: Counter
        var sent: Counter
        var receivedBytes: UInt64
        var sentBytes: UInt64
    }

    public init() {
        applyDuration = registry.makeDurationHistogram(
            descriptor: Self.name("wgc_agent_apply_duration", unit: "seconds",
                                  help: "Time to apply and verify a revision (including rolled-back attempts)"),
            buckets: [.milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                      .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60)])
        appliedTimestamp = registry.makeGauge(
            descriptor: Self.name("wgc_agent_applied_timestamp", unit: "seconds",
                                  help: "When the applied revision was applied (Unix time)"))
    }

    /// Counts a cycle by outcome; an applying cycle's duration goes to the histogram.
    public func observe(_ report: CycleReport, duration: Duration) {
        registry.makeCounter(descriptor: Self.name("wgc_agent_cycles", unit: "total", help: "Agent cycles by outcome"),
                             labels: [("outcome", report.outcome.rawValue)]).increment()
        if [.applied, .rolledBack, .repaired].contains(report.outcome) { applyDuration.record(duration) }
    }

    /// Sets the applied revision's series from the state.
    public func update(applied: AppliedRevision?) {
        guard let applied else { return }
        appliedTimestamp.set(applied.appliedAt.timeIntervalSince1970)
        seen.withLock { seen in
            if let old = seen.revision { registry.unregisterGauge(old) }
            let gauge = registry.makeGauge(
                descriptor: Self.name("wgc_agent_applied_revision", unit: "info",
                                      help: "The revision this router runs (value 1, commit as label)"),
                labels: [("commit", applied.commit)])
            gauge.set(1.0)
            seen.revision = gauge
        }
    }

    /// Sets BGP and per-peer series from what the router reports now.
    public func update(live: LiveView) {
        seen.withLock { seen in
            var states: [String: Int] = [:]
            for session in live.sessions { states[session.bgpState ?? session.state, default: 0] += 1 }
            for state in seen.sessionStates.union(states.keys) {
                registry.makeGauge(descriptor: Self.name("wgc_agent_bgp_sessions", unit: "",
                                                         help: "BGP sessions of this node by state"),
                                   labels: [("state", state)]).set(Double(states[state] ?? 0))
            }
            seen.sessionStates.formUnion(states.keys)
            var current: [PeerKey: PeerSeries] = [:]
            for interface in live.interfaces {
                for peer in interface.peers {
                    let key = PeerKey(interface: interface.name, client: peer.client ?? peer.publicKey)
                    var series = seen.peers.removeValue(forKey: key) ?? makeSeries(key)
                    series.handshake.set(peer.latestHandshake?.timeIntervalSince1970 ?? 0)
                    // WireGuard's counters restart with a new interface; a counter only goes up, so it is remade.
                    if peer.receivedBytes < series.receivedBytes || peer.sentBytes < series.sentBytes {
                        unregister(series)
                        series = makeSeries(key)
                    }
                    series.received.increment(by: Int64(peer.receivedBytes - series.receivedBytes))
                    series.sent.increment(by: Int64(peer.sentBytes - series.sentBytes))
                    series.receivedBytes = peer.receivedBytes
                    series.sentBytes = peer.sentBytes
                    current[key] = series
                }
            }
            for gone in seen.peers.values { unregister(gone) }
            seen.peers = current
        }
    }

    /// The Prometheus text exposition of every series.
    public func exposition() -> String { registry.emitToString() }

    private func makeSeries(_ key: PeerKey) -> PeerSeries {
        let labels = [("interface", key.interface), ("client", key.client)]
        return PeerSeries(
            handshake: registry.makeGauge(
                descriptor: Self.name("wireguard_peer_last_handshake", unit: "seconds",
                                      help: "Latest handshake of the peer (Unix time; 0 when never)"),
                labels: labels),
            received: registry.makeCounter(
                descriptor: Self.name("wireguard_peer_received_bytes", unit: "total", help: "Bytes received from the peer"),
                labels: labels),
            sent: registry.makeCounter(
                descriptor: Self.name("wireguard_peer_sent_bytes", unit: "total", help: "Bytes sent to the peer"),
                labels: labels),
            receivedBytes: 0, sentBytes: 0)
    }

    private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: metric, unitName: unit, helpText: help)
    }

    private func unregister(_ series: PeerSeries) {
        registry.unregisterGauge(series.handshake)
        registry.unregisterCounter(series.received)
        registry.unregisterCounter(series.sent)
    }
}
