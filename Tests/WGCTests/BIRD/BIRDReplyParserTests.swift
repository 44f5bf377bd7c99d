import Testing
@testable import BIRD

/// The reply parser on text captured from BIRD 2.0.12's control socket.
@Suite("BIRD reply parser")
struct BIRDReplyParserTests {
    @Test("the greeting is one final line")
    func greeting() throws {
        let replies = try BIRDReplyParser.replies(in: "0001 BIRD 2.0.12 ready.\n")
        #expect(replies == [BIRDReply(lines: [.init(code: 1, text: "BIRD 2.0.12 ready.")])])
    }

    @Test("continuation lines take the code of the line they continue and keep their own indentation")
    func continuation() throws {
        let text = """
            1000-BIRD 2.0.12
            1011-Router ID is 192.0.2.1
             Hostname is vm
             Current server time is 2026-11-25 18:56:11.344
            0013 Daemon is up and running
            """
        let reply = try #require(try BIRDReplyParser.replies(in: text).first)
        #expect(reply.code == 13)
        #expect(reply.message == "Daemon is up and running")
        #expect(!reply.isError)
        #expect(reply.texts(withCode: 1011) == [
            "Router ID is 192.0.2.1", "Hostname is vm", "Current server time is 2026-11-25 18:56:11.344",
        ])
        #expect(reply.rendered == text)
    }

    @Test("a final line with nothing after the code ends the reply with an empty message")
    func emptyFinalLine() throws {
        let replies = try BIRDReplyParser.replies(in: "0009-s6: disabled\n0000 \n0019 Nothing to do\n")
        #expect(replies.map(\.code) == [0, 19])
        #expect(replies[0].message == "")
        #expect(replies[0].texts(withCode: 9) == ["s6: disabled"])
    }

    @Test("run-time and parse errors are errors", arguments: [
        ("8003 No protocols match", 8003, true),
        ("9001 syntax error, unexpected CF_SYM_UNDEFINED", 9001, true),
        ("0020 Configuration OK", 20, false),
    ])
    func errors(line: String, code: Int, isError: Bool) throws {
        let reply = try #require(try BIRDReplyParser.replies(in: line).first)
        #expect(reply.code == code)
        #expect(reply.isError == isError)
    }

    @Test("spontaneous printouts are kept apart and do not end or split a reply")
    func spontaneous() throws {
        let text = "0011-s6: enabled\n0000 \n+Enabling protocol s6\n0000 \n"
        let replies = try BIRDReplyParser.replies(in: text)
        #expect(replies.count == 2)
        #expect(replies[0].spontaneous.isEmpty)
        #expect(replies[1].spontaneous == ["Enabling protocol s6"])
        #expect(replies[1].lines == [.init(code: 0, text: "")])
    }

    @Test("lines that are not BIRD's format are refused", arguments: [
        " orphan continuation", "BIRD 2.0.12 ready.", "001 short code", "0001xtext",
    ])
    func malformed(line: String) {
        #expect(throws: BIRDReplyParser.Malformed.self) { try BIRDReplyParser.replies(in: line + "\n") }
    }

    @Test("text that stops inside a reply is refused")
    func truncated() {
        #expect(throws: BIRDReplyParser.Malformed.self) { try BIRDReplyParser.replies(in: "1002-device1 Device\n") }
    }
}
