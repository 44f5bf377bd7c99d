import Testing
@testable import BIRD

/// Status, configuration problems and configuration status read from BIRD 2.0.12's replies.
@Suite("BIRD replies")
struct BIRDRepliesTests {
    @Test("show status gives version, router ID, times and the state message")
    func status() throws {
        let text = """
            1000-BIRD 2.0.12
            1011-Router ID is 192.0.2.1
             Hostname is vm
             Current server time is 2026-11-25 18:56:11.344
             Last reboot on 2026-11-25 18:56:08.167
             Last reconfiguration on 2026-11-25 18:57:02.001
            0013 Daemon is up and running
            """
        let reply = try #require(try BIRDReplyParser.replies(in: text).first)
        let status = try #require(BIRDStatus(reply))
        #expect(status == BIRDStatus(
            version: "2.0.12", routerID: "192.0.2.1", hostname: "vm", serverTime: "2026-11-25 18:56:11.344",
            lastReboot: "2026-11-25 18:56:08.167", lastReconfiguration: "2026-11-25 18:57:02.001",
            message: "Daemon is up and running"))
        #expect(status.isUpAndRunning)
    }

    @Test("a configuration problem names file, line and column", arguments: [
        ("/tmp/x/broken.conf:5:3 syntax error, unexpected CF_SYM_UNDEFINED, expecting ';' or '{'",
         "/tmp/x/broken.conf",
         BIRDConfigurationProblem(file: "/tmp/x/broken.conf", line: 5, column: 3,
                                  message: "syntax error, unexpected CF_SYM_UNDEFINED, expecting ';' or '{'")),
        ("/etc/bird/peers.conf:12:1 Unknown protocol", "/etc/bird/bird.conf",
         BIRDConfigurationProblem(file: "/etc/bird/peers.conf", line: 12, column: 1, message: "Unknown protocol")),
        ("/tmp/a:b.conf: No such file or directory", "/tmp/a:b.conf",
         BIRDConfigurationProblem(file: "/tmp/a:b.conf", line: nil, column: nil,
                                  message: "No such file or directory")),
        ("Something else", "/x",
         BIRDConfigurationProblem(file: nil, line: nil, column: nil, message: "Something else")),
    ])
    func problem(text: String, file: String, expected: BIRDConfigurationProblem) {
        #expect(BIRDConfigurationProblem(birdMessage: text, file: file) == expected)
    }

    @Test("a problem reads like a compiler's")
    func problemDescription() {
        let problem = BIRDConfigurationProblem(file: "/b.conf", line: 5, column: 3, message: "syntax error")
        #expect(problem.description == "/b.conf:5:3: syntax error")
    }

    @Test("configure status tells an unconfirmed configuration and when it will be undone")
    func configurationStatus() throws {
        let unconfirmed = try #require(try BIRDReplyParser.replies(in: """
            0003-Daemon is up and running
            0022-Configuration unconfirmed, undo in 29.998 s
            0000 
            """).first)
        #expect(BIRDConfigurationStatus(unconfirmed) == BIRDConfigurationStatus(state: .done, undoIn: 29.998))
        let busy = try #require(try BIRDReplyParser.replies(in: "0004-Reconfiguration in progress\n0000 \n").first)
        #expect(BIRDConfigurationStatus(busy) == BIRDConfigurationStatus(state: .inProgress, undoIn: nil))
    }
}
