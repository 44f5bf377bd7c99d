/// Why BIRD refused a configuration file: where (the file, which may be an included one, and the line and
/// column when BIRD names them) and BIRD's message, e.g. `/etc/bird.conf:12:3 syntax error, unexpected …`.
public struct BIRDConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String?, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Reads BIRD's 8002 message: `FILE:LINE:COLUMN MESSAGE`, or `FILE: MESSAGE` for a file it cannot open.
    /// `file` is the file BIRD was asked to read, recognised even when it contains a colon.
    init(birdMessage text: String, file requested: String) {
        if let match = text.firstMatch(of: /^(.+?):(\d+):(\d+) (.*)$/) {
            self.init(file: String(match.1), line: Int(match.2), column: Int(match.3), message: String(match.4))
        } else if text.hasPrefix(requested + ": ") {
            self.init(file: requested, line: nil, column: nil, message: String(text.dropFirst(requested.count + 2)))
        } else {
            self.init(file: nil, line: nil, column: nil, message: text)
        }
    }

    /// `file:line:column: message`, as compilers print it.
    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return place.isEmpty ? message : "\(place): \(message)"
    }
}
