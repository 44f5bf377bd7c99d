import YAML

/// The diagnostics of a file that cannot be read at all: a YAML syntax error, a limit passed, a file too large.
extension Diagnostic {
    /// What the hint of every unreadable YAML file adds.
    static let skippedFileHint = "the whole file is skipped, and references are not checked, until this is fixed"

    static func unreadable(_ file: String, _ error: YAMLError) -> Diagnostic {
        let location = FileLocation(file: file, line: error.mark.line, column: error.mark.column)
        switch error.code {
        case .syntax:
            return .error(.yamlSyntax, at: location, "YAML syntax error: \(error.message)", hint: skippedFileHint)
        case .nestingTooDeep:
            return .error(.nestingTooDeep, at: location, error.message,
                          hint: "no inventory nests this deep; " + skippedFileHint)
        case .scalarTooLarge:
            return .error(.scalarTooLarge, at: location, error.message,
                          hint: "no inventory field holds this much text; " + skippedFileHint)
        case .tooManyNodes:
            return .error(.fileTooLarge, at: location, error.message,
                          hint: "split it into several files; " + skippedFileHint)
        case .aliasExpansionTooLarge:
            return .error(.aliasExpansionTooLarge, at: location, error.message,
                          hint: "write the repeated parts out, or anchor smaller ones; " + skippedFileHint)
        }
    }

    /// A file the source did not read: it is larger than `InventoryLimits.maxFileBytes`.
    static func fileTooLarge(_ file: String, size: Int) -> Diagnostic {
        let exportLimit = ByteCount(InventoryLimits.maxVRPExportBytes)
        let hint = InventoryFiles.isVRPFile(file)
            ? "give a validator's full export with --vrps, which reads up to \(exportLimit)"
            : "split it into several files; " + skippedFileHint
        return .error(.fileTooLarge, at: FileLocation(file: file, line: 1, column: 1),
                      "file is \(ByteCount(size)), larger than the limit of \(ByteCount(InventoryLimits.maxFileBytes)) "
                          + "for an inventory file", hint: hint)
    }
}
