import Foundation
import Testing

/// `wgc serve` killed with SIGKILL while writes are in flight: what a 2xx promised is on disk, the repository is
/// whole, and the next start writes again.
@Suite("API crash safety", .serialized)
struct APICrashTests {
    static let sessions = "/api/v1/bgp/sessions"

    /// The writes that got a 2xx, and the kill once `killAt` of them did.
    actor Acknowledgements {
        private(set) var names: [String] = []
        private(set) var killed = false

        func record(_ name: String, killAt: Int, pid: pid_t) {
            names.append(name)
            guard !killed, names.count >= killAt else { return }
            killed = true
            kill(pid, SIGKILL)
        }

        func killNow(pid: pid_t) {
            guard !killed else { return }
            killed = true
            kill(pid, SIGKILL)
        }
    }

    /// Three rounds, killed after 1, 8 and 20 of 40 concurrent creates were acknowledged.
    @Test("kill -9 mid-write: fsck passes, every 2xx is on main, main validates, no lock blocks the restart",
          .enabled(if: ServedWGC.built, "wgc binary not built (swift build --build-tests builds it)"),
          .timeLimit(.minutes(5)))
    func killMidWrite() async throws {
        let served = try ServedWGC()
        try served.start()
        var acknowledged: Set<String> = []
        for (round, killAt) in [1, 8, 20].enumerated() {
            let token = try await served.client.token()
            let names = try await Self.writeUntilKilled(served, token: token, round: round, count: 40, killAt: killAt)
            let status = served.waitForExit(timeout: 30)
            #expect(status == 128 + SIGKILL,
                    "round \(round): the server was not killed (\(String(describing: status)))")
            #expect(names.count >= killAt, "round \(round): only \(names.count) writes were acknowledged")
            acknowledged.formUnion(names)

            let leftBehind = Self.lockFiles(under: served.repository)
            #expect(leftBehind.allSatisfy { $0 == "refs/heads/main.lock" }, "round \(round): \(leftBehind)")
            try GitWorkspace.git(in: served.repository, "fsck", "--full", "--no-dangling")
            let main = try served.fixture.validateMain()
            #expect(!main.hasErrors, "round \(round): \(main.diagnostics)")
            let committed = Set(main.inventory.sessions.map(\.name))
            #expect(acknowledged.isSubset(of: committed),
                    "round \(round): acknowledged but not on main: \(acknowledged.subtracting(committed).sorted())")

            try served.start()
            #expect(Self.lockFiles(under: served.repository).isEmpty, "round \(round): a lock outlived the restart")
            let after = try await served.client.send(.post, Self.sessions, token: try await served.client.token(),
                                                     body: ServedClient.session("after-\(round)",
                                                                                neighbor: "2001:db8:c1::\(round + 1)"))
            #expect(after.status == .created, "round \(round): \(after.object)")
            acknowledged.insert("after-\(round)")
        }
        served.signal(SIGTERM)
        #expect(served.waitForExit(timeout: 30) == 0)
        let committed = Set(try served.fixture.validateMain().inventory.sessions.map(\.name))
        #expect(acknowledged.isSubset(of: committed))
    }

    @Test("a branch lock left by a writer killed before its rename is removed at the next start; writes go on",
          .enabled(if: ServedWGC.built, "wgc binary not built (swift build --build-tests builds it)"),
          .timeLimit(.minutes(1)))
    func staleBranchLock() async throws {
        let served = try ServedWGC()
        let lock = served.repository + "/refs/heads/main.lock"
        let head = try GitWorkspace.git(in: served.repository, "rev-parse", "main")
        // What libgit2 leaves when killed between writing the lock and renaming it over the branch.
        try Data((head + "\n").utf8).write(to: URL(fileURLWithPath: lock))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: lock)
        try served.start()
        #expect(!FileManager.default.fileExists(atPath: lock))
        let answer = try await served.client.send(.post, Self.sessions, token: try await served.client.token(),
                                                  body: ServedClient.session("after-lock", neighbor: "2001:db8:c2::1"))
        #expect(answer.status == .created, "\(answer.object)")
        #expect(served.output.contains("main.lock"), "the removal is logged")
        served.signal(SIGTERM)
        #expect(served.waitForExit(timeout: 30) == 0)
    }

    /// Fires `count` creates at once and kills the server once `killAt` were acknowledged; the acknowledged names.
    static func writeUntilKilled(_ served: ServedWGC, token: String, round: Int, count: Int, killAt: Int) async throws
        -> [String] {
        let acknowledgements = Acknowledgements()
        let client = served.client
        let pid = served.pid
        let answers = await withTaskGroup(of: ServedClient.Answer?.self) { group in
            for index in 0..<count {
                let name = "crash-\(round)-\(index)"
                let body = ServedClient.session(name, neighbor: "2001:db8:c0::\(round + 1):\(index + 1)")
                group.addTask {
                    guard let answer = try? await client.send(.post, sessions, token: token, body: body) else {
                        return nil
                    }
                    if (200..<300).contains(answer.status.code) {
                        await acknowledgements.record(name, killAt: killAt, pid: pid)
                    }
                    return answer
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        await acknowledgements.killNow(pid: pid)
        let answered = answers.compactMap { $0 }
        #expect(answered.allSatisfy { $0.status.code < 500 && $0.isComplete },
                "\(answered.map { "\($0.status.code) \($0.object)" })")
        return await acknowledgements.names
    }

    /// Paths of `*.lock` files under `repository`, relative to it.
    static func lockFiles(under repository: String) -> [String] {
        let files = FileManager.default.enumerator(atPath: repository)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".lock") }.sorted()
    }
}
