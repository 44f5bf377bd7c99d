import Foundation
import Testing

/// `wgc serve` stopped with SIGTERM (systemd's stop) while writes are in flight.
@Suite("API graceful shutdown", .serialized)
struct APIShutdownTests {
    /// When to send SIGTERM: once the first answer is back and every client is connected.
    actor Trigger {
        private var connections = 0
        private var answered = false
        private var signalled = false
        private let expected: Int
        private let served: ServedWGC

        init(expected: Int, served: ServedWGC) {
            self.expected = expected
            self.served = served
        }

        func connected() { connections += 1 }

        func answer() { answered = true }

        /// Waits (at most 10 s) for both, then signals.
        func terminate() async {
            let deadline = ContinuousClock.now + .seconds(10)
            while !(answered && connections == expected), ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(2))
            }
            guard !signalled else { return }
            signalled = true
            served.signal(SIGTERM)
        }
    }

    @Test("SIGTERM mid-write: answers are whole, 2xx are commits and commits were answered; exit 0",
          .enabled(if: ServedWGC.built, "wgc binary not built (swift build --build-tests builds it)"),
          .timeLimit(.minutes(2)))
    func drainsOnSIGTERM() async throws {
        let served = try ServedWGC()
        try served.start()
        let token = try await served.client.token()
        let count = 30
        let trigger = Trigger(expected: count, served: served)
        let client = served.client
        let answers = await withTaskGroup(of: (String, ServedClient.Answer?).self) { group in
            for index in 0..<count {
                let name = "drain-\(index)"
                let body = ServedClient.session(name, neighbor: "2001:db8:d0::\(index + 1)")
                group.addTask {
                    let answer = try? await client.send(.post, APICrashTests.sessions, token: token, body: body,
                                                        onConnected: { await trigger.connected() })
                    if answer != nil { await trigger.answer() }
                    return (name, answer)
                }
            }
            group.addTask {
                await trigger.terminate()
                return ("", nil)
            }
            return await group.reduce(into: [String: ServedClient.Answer?]()) { if !$1.0.isEmpty { $0[$1.0] = $1.1 } }
        }
        let status = served.waitForExit(timeout: 30)
        #expect(status == 0, "exit status \(String(describing: status)); \(served.output.suffix(2000))")

        let answered = answers.compactMapValues { $0 }
        #expect(answered.values.allSatisfy { $0.isComplete })
        #expect(answered.values.allSatisfy { $0.status.code < 500 }, "\(answered.mapValues(\.object))")
        let acknowledged = Set(answered.filter { (200..<300).contains($0.value.status.code) }.keys)
        let main = try served.fixture.validateMain()
        #expect(!main.hasErrors)
        let committed = Set(main.inventory.sessions.map(\.name).filter { $0.hasPrefix("drain-") })
        #expect(acknowledged.subtracting(committed).isEmpty, "acknowledged, not committed")
        #expect(committed.subtracting(acknowledged).isEmpty, "committed, never answered")
        #expect(answered.count > 1, "only \(answered.count) of \(count) writes were answered")
        #expect(APICrashTests.lockFiles(under: served.repository).isEmpty)
    }
}
