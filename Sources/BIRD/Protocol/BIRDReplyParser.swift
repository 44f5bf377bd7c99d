/// Assembles replies from the lines BIRD sends: `DDDD-text` (more follows), `DDDD text` (last line),
/// ` text` (continues the previous line's code) and `+text` (a spontaneous printout, not part of a reply).
struct BIRDReplyParser {
    /// Why a line could not be read.
    struct Malformed: Error, Equatable {
        var line: String
        var reason: String
    }

    private var lines: [BIRDReply.Line] = []
    private var spontaneous: [String] = []

    /// Takes one line without its newline; returns the reply when the line ended one.
    mutating func consume(_ line: Substring) throws(Malformed) -> BIRDReply? {
        if line.first == "+" {
            spontaneous.append(String(line.dropFirst()))
            return nil
        }
        if line.first == " " {
            guard let previous = lines.last else {
                throw Malformed(line: String(line), reason: "a continuation line with nothing to continue")
            }
            lines.append(BIRDReply.Line(code: previous.code, text: String(line.dropFirst())))
            return nil
        }
        guard let code = Self.code(of: line) else {
            throw Malformed(line: String(line), reason: "no four-digit reply code")
        }
        let rest = line.dropFirst(4)
        switch rest.first {
        case "-":
            lines.append(BIRDReply.Line(code: code, text: String(rest.dropFirst())))
            return nil
        case " ", nil:
            lines.append(BIRDReply.Line(code: code, text: String(rest.dropFirst())))
            defer {
                lines = []
                spontaneous = []
            }
            return BIRDReply(lines: lines, spontaneous: spontaneous)
        default:
            throw Malformed(line: String(line), reason: "the reply code is followed by neither '-' nor ' '")
        }
    }

    /// True while a reply has started and not ended.
    var isInsideReply: Bool { !lines.isEmpty }

    /// Parses a whole captured exchange (lines separated by newlines) into its replies.
    static func replies(in text: String) throws(Malformed) -> [BIRDReply] {
        var parser = BIRDReplyParser()
        var replies: [BIRDReply] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if let reply = try parser.consume(line) { replies.append(reply) }
        }
        if parser.isInsideReply { throw Malformed(line: "", reason: "the text ends inside a reply") }
        return replies
    }

    private static func code(of line: Substring) -> Int? {
        let digits = line.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}
