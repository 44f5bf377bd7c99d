/// Reads VRP exports: rpki-client's and Routinator's JSON (`{"roas": [{"asn", "prefix", "maxLength"}]}`),
/// with `asn` as `"AS65001"` or a number. Entries that do not parse are reported, the rest kept.
public enum VRPLoader {
    public static func load(_ file: SourceFile) -> (vrps: [VRP], diagnostics: [Diagnostic]) {
        if let size = file.refusedSize {
            return ([], [.fileTooLarge(file.path, size: size)])
        }
        var vrps: [VRP] = []
        var diagnostics: [Diagnostic] = []
        let found: Bool
        do {
            found = try JSONScanner.forEachROA(in: file.bytes) { roa in
                switch roa {
                case .success(let vrp):
                    vrps.append(vrp)
                case .failure(let problem):
                    guard diagnostics.count < 20 else { return }
                    diagnostics.append(.error(.invalidVRP, at: FileLocation(file: file.path, line: problem.line,
                                                                              column: problem.column), problem.message))
                }
            }
        } catch {
            let location = FileLocation(file: file.path, line: error.line, column: error.column)
            guard !error.isTooDeep else { return ([], [.error(.nestingTooDeep, at: location, error.message)]) }
            return ([], [.error(.invalidVRP, at: location, "not valid JSON: \(error.message)")])
        }
        guard found else {
            return ([], [.error(.invalidVRP, at: FileLocation(file: file.path, line: 1, column: 1),
                                "no \"roas\" list: expected rpki-client or Routinator JSON output",
                                hint: "export with `rpki-client -j` or `routinator vrps -f json`")])
        }
        return (vrps, diagnostics)
    }
}
