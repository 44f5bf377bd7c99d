import BIRD
import Foundation
import Testing

/// The client against a real BIRD 2: status, configuration check, commit-confirmed reconfiguration and
/// protocol state, through the control socket.
@Suite("BIRD control socket",
       .enabled(if: Programs.isRoot, "needs root for network namespaces (CI runs as root)"),
       .enabled(if: Programs.available("bird", "ip"), "needs bird2 and iproute2"))
struct BIRDControlSocketTests {
    static let base = """
        router id 192.0.2.1;
        protocol device {}
        protocol kernel k6 { ipv6 { export none; }; }
        protocol static s6 { ipv6; route 2001:db8:1::/48 unreachable; }

        """
    static let extra = "protocol static extra6 { ipv6; route 2001:db8:2::/48 unreachable; }\n"

    static func names(_ client: BIRDClient) throws -> [String] {
        try client.protocols().map(\.name)
    }

    @Test("status names the version, router ID and that the daemon is up")
    func status() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let status = try bird.client.status()
        #expect(status.version == "2.0.12" || status.version.hasPrefix("2."))
        #expect(status.routerID == "192.0.2.1")
        #expect(status.isUpAndRunning)
        #expect(!status.serverTime.isEmpty && !status.lastReboot.isEmpty && !status.lastReconfiguration.isEmpty)
        let version = try bird.client.withConnection { connection throws(BIRDError) in connection.version }
        #expect(version == status.version)
    }

    @Test("protocols lists the Device, Kernel and Static protocols with their route counts")
    func protocols() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let protocols = try bird.client.protocols()
        #expect(protocols.map(\.proto) == ["Device", "Kernel", "Static"])
        #expect(protocols.map(\.state) == [.up, .up, .up])
        let routes = try #require(protocols.first { $0.name == "s6" }?.channels.first?.routes)
        #expect(routes.imported == 1)
        #expect(try bird.client.protocols(named: "k6").map(\.name) == ["k6"])
    }

    @Test("a configuration check accepts a good file and names the line of a broken one")
    func check() throws {
        let bird = try BIRDDaemon(config: Self.base)
        #expect(try bird.client.checkConfiguration(file: bird.configPath) == nil)
        let broken = try bird.write("broken.conf", "router id 192.0.2.1;\nprotocol device {}\n\n"
                                    + "protocol static {\n  bogus;\n}\n")
        let problem = try #require(try bird.client.checkConfiguration(file: broken))
        #expect(problem.file == broken)
        #expect(problem.line == 5)
        #expect(problem.column != nil)
        #expect(problem.message.contains("syntax error"))
        let missing = try #require(try bird.client.checkConfiguration(file: bird.folder.path + "/missing.conf"))
        #expect(missing.file == bird.folder.path + "/missing.conf" && missing.line == nil)
        #expect(try Self.names(bird.client) == ["device1", "k6", "s6"], "a check changes nothing")
    }

    @Test("configure with a timeout then confirm keeps the new configuration")
    func confirm() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let next = try bird.write("next.conf", Self.base + Self.extra)
        #expect(try bird.client.configure(file: next, confirmTimeout: .seconds(60)) == .reconfigured)
        #expect(try bird.client.configurationStatus().undoIn != nil)
        #expect(try bird.client.confirm() == .confirmed)
        #expect(try bird.client.configurationStatus() == BIRDConfigurationStatus(state: .done, undoIn: nil))
        #expect(try bird.client.confirm() == .nothingToDo)
        #expect(try Self.names(bird.client) == ["device1", "k6", "s6", "extra6"])
    }

    @Test("configure with a timeout then undo brings the old configuration back")
    func undo() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let next = try bird.write("next.conf", Self.base + Self.extra)
        #expect(try bird.client.configure(file: next, confirmTimeout: .seconds(60)) == .reconfigured)
        #expect(try Self.names(bird.client).contains("extra6"))
        let undone = try bird.client.undo()
        #expect(undone == .reconfigured || undone == .inProgress)
        try waitUntil("extra6 is gone", within: .seconds(10)) { try !Self.names(bird.client).contains("extra6") }
        #expect(try bird.client.confirm() == .nothingToDo)
        #expect(try bird.client.undo() == .nothingToDo, "BIRD keeps one older configuration, not a history")
    }

    @Test("undo also goes back from a confirmed configuration: confirming only cancels the timer")
    func undoAfterConfirm() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let next = try bird.write("next.conf", Self.base + Self.extra)
        #expect(try bird.client.configure(file: next, confirmTimeout: .seconds(60)) == .reconfigured)
        #expect(try bird.client.confirm() == .confirmed)
        let undone = try bird.client.undo()
        #expect(undone == .reconfigured || undone == .inProgress)
        try waitUntil("extra6 is gone", within: .seconds(10)) { try !Self.names(bird.client).contains("extra6") }
    }

    @Test("an unconfirmed configuration is undone by BIRD when its timeout expires")
    func expiry() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let next = try bird.write("next.conf", Self.base + Self.extra)
        #expect(try bird.client.configure(file: next, confirmTimeout: .milliseconds(500)) == .reconfigured)
        #expect(try Self.names(bird.client).contains("extra6"))
        try waitUntil("BIRD undoes extra6", within: .seconds(10)) { try !Self.names(bird.client).contains("extra6") }
        #expect(try bird.client.configurationStatus().undoIn == nil)
    }

    @Test("configuring a broken file is rejected with the problem and keeps the running configuration")
    func rejected() throws {
        let bird = try BIRDDaemon(config: Self.base)
        let broken = try bird.write("broken.conf", Self.base + "protocol static {\n")
        guard case .rejected(let problem) = try bird.client.configure(file: broken, confirmTimeout: .seconds(30)) else {
            Issue.record("a broken file must be rejected")
            return
        }
        #expect(problem.file == broken)
        #expect(problem.line != nil)
        #expect(try bird.client.confirm() == .nothingToDo, "no undo was scheduled")
        #expect(try Self.names(bird.client) == ["device1", "k6", "s6"])
    }

    @Test("several commands share one connection; a command with a line break is refused unsent")
    func oneConnection() throws {
        let bird = try BIRDDaemon(config: Self.base)
        try bird.client.withConnection { connection throws(BIRDError) in
            #expect(try connection.send("show status").code == 13)
            #expect(throws: BIRDError.self) { try connection.send("show status\nshow protocols") }
            let reply = try connection.send("frobnicate")
            #expect(reply.isError && reply.code == 9001)
            #expect(try connection.send("show protocols").code == 0, "the connection is still in step")
        }
    }
}
