/// A place in an inventory file, 1-based.
public struct FileLocation: Sendable, Hashable, Comparable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: FileLocation, rhs: FileLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in an inventory: what, where, how bad, and what would fix it.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Codable {
        case error
        case warning
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var location: FileLocation
    public var message: String
    public var hint: String?

    public init(_ severity: Severity, _ code: DiagnosticCode, at location: FileLocation, _ message: String,
                hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(_ code: DiagnosticCode, at location: FileLocation, _ message: String,
                             hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, code, at: location, message, hint: hint)
    }

    public static func warning(_ code: DiagnosticCode, at location: FileLocation, _ message: String,
                               hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, code, at: location, message, hint: hint)
    }
}

extension [Diagnostic] {
    /// Diagnostics in the order a reader wants them: by file, line, column, then code.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted { ($0.location, $0.code.rawValue, $0.message) < ($1.location, $1.code.rawValue, $1.message) }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
