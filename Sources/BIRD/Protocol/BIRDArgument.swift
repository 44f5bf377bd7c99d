/// Turns caller values into words of a BIRD command, refusing any that BIRD would read differently than meant.
enum BIRDArgument {
    /// A protocol (or other symbol) name: letters, digits and `_`, not starting with a digit.
    static func symbol(_ name: String, socketPath: String) throws(BIRDError) -> String {
        let isSymbol = name.first.map { !$0.isNumber } == true && name.unicodeScalars.allSatisfy(isSymbolCharacter)
        guard isSymbol else {
            throw BIRDError(.invalidCommand, message: "'\(name)' is not a BIRD symbol (letters, digits and '_', "
                            + "not starting with a digit)", socketPath: socketPath)
        }
        return name
    }

    /// A file name in double quotes. BIRD's lexer has no escapes inside strings, so a name with a quote or a
    /// control character cannot be written at all.
    static func quotedFile(_ path: String, socketPath: String) throws(BIRDError) -> String {
        let unquotable = path.unicodeScalars.contains { $0 == "\"" || $0.value < 0x20 || $0.value == 0x7F }
        guard !path.isEmpty, !unquotable else {
            let message = "BIRD cannot read the file name \(String(reflecting: path)) (empty, or a quote or "
                + "control character in it)"
            throw BIRDError(.invalidCommand, message: message, socketPath: socketPath)
        }
        return "\"" + path + "\""
    }

    private static func isSymbolCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}
