import Foundation

/// Renders diagnostics for people (compiler style), for programs (JSON) or for GitHub Actions annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text
    case json
    case github
}

public enum DiagnosticRenderer {
    public static func render(_ diagnostics: [Diagnostic], as format: DiagnosticFormat) -> String {
        let sorted = diagnostics.sortedForDisplay()
        switch format {
        case .text: return text(sorted)
        case .json: return json(sorted)
        case .github: return github(sorted)
        }
    }

    static func text(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += line(diagnostic) + "\n"
            if let hint = diagnostic.hint { out += "    hint: \(hint)\n" }
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
        return out
    }

    /// `file:line:column: severity[code]: message`, without the hint.
    public static func line(_ diagnostic: Diagnostic) -> String {
        let place = diagnostic.location
        return "\(place.file):\(place.line):\(place.column): \(diagnostic.severity.rawValue)"
            + "[\(diagnostic.code.rawValue)]: \(diagnostic.message)"
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        struct Row: Encodable {
            var severity: String
            var code: String
            var file: String
            var line: Int
            var column: Int
            var message: String
            var hint: String?
        }
        struct Report: Encodable {
            var valid: Bool
            var errors: Int
            var warnings: Int
            var diagnostics: [Row]
        }
        let rows = diagnostics.map {
            Row(severity: $0.severity.rawValue, code: $0.code.rawValue, file: $0.location.file,
                line: $0.location.line, column: $0.location.column, message: $0.message, hint: $0.hint)
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let report = Report(valid: errors == 0, errors: errors, warnings: diagnostics.count - errors, diagnostics: rows)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func github(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            let level = diagnostic.severity == .error ? "error" : "warning"
            let place = diagnostic.location
            var message = "[\(diagnostic.code.rawValue)] \(diagnostic.message)"
            if let hint = diagnostic.hint { message += "\n\(hint)" }
            return "::\(level) file=\(escapeProperty(place.file)),line=\(place.line),col=\(place.column),"
                + "title=\(escapeProperty(diagnostic.code.rawValue))::\(escapeData(message))\n"
        }.joined()
    }

    /// Workflow-command escaping as GitHub's toolkit does it.
    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
