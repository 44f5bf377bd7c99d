/// One complete answer of BIRD's control socket: its lines, each with the reply code it belongs to, ending in
/// the line whose code is final (0xxx success, 8xxx run-time error, 9xxx parse error).
public struct BIRDReply: Sendable, Equatable {
    /// One line of a reply; a continuation line (one that starts with a space) carries the code of the line
    /// it continues, and its text is what follows that space.
    public struct Line: Sendable, Equatable {
        public var code: Int
        public var text: String

        public init(code: Int, text: String) {
            self.code = code
            self.text = text
        }
    }

    /// Every line, the final one included.
    public var lines: [Line]
    /// Lines BIRD printed on its own accord (`+text`, after `echo`), read while waiting for this reply.
    public var spontaneous: [String]

    public init(lines: [Line], spontaneous: [String] = []) {
        precondition(!lines.isEmpty, "a reply has at least its final line")
        self.lines = lines
        self.spontaneous = spontaneous
    }

    /// The final line's code: what the reply as a whole means.
    public var code: Int { lines[lines.count - 1].code }

    /// The final line's text, e.g. `Reconfigured` or BIRD's error message.
    public var message: String { lines[lines.count - 1].text }

    /// True for run-time (8xxx) and parse (9xxx) errors.
    public var isError: Bool { code >= 8000 }

    /// The texts of the lines with `code`, in order.
    public func texts(withCode code: Int) -> [String] {
        lines.filter { $0.code == code }.map(\.text)
    }

    /// The reply as BIRD sent it, for logs and tests.
    public var rendered: String {
        lines.indices.map { index in
            let line = lines[index]
            let last = index == lines.count - 1
            if index > 0, !last, lines[index - 1].code == line.code { return " " + line.text }
            return BIRDReply.format(code: line.code) + (last ? " " : "-") + line.text
        }.joined(separator: "\n")
    }

    static func format(code: Int) -> String {
        let digits = String(code)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
