/// Reads VRP exports: rpki-client's and Routinator's JSON (`{"roas": [{"asn", "prefix", "maxLength"}]}`),
/// with `asn` as `"AS65001"` or a number. Entries that do not parse are reported, the rest kept.
public enum VRPLoader {
    public static func load(_ file: SourceFile) -> (vrps: [VRP], diagnostics: [Diagnostic]) {
        let root: JSONValue
        do {
            root = try JSONScanner.parse(file.bytes)
        } catch {
            return ([], [.error(.invalidVRP, at: FileLocation(file: file.path, line: error.line, column: error.column),
                                "not valid JSON: \(error.message)")])
        }
        guard case .array(let roas)? = root["roas"] else {
            return ([], [.error(.invalidVRP, at: FileLocation(file: file.path, line: 1, column: 1),
                                "no \"roas\" list: expected rpki-client or Routinator JSON output",
                                hint: "export with `rpki-client -j` or `routinator vrps -f json`")])
        }
        var vrps: [VRP] = []
        vrps.reserveCapacity(roas.count)
        var diagnostics: [Diagnostic] = []
        for roa in roas {
            switch parse(roa) {
            case .success(let vrp): vrps.append(vrp)
            case .failure(let problem):
                var place = (line: 1, column: 1)
                if case .object(_, let line, let column) = roa { place = (line, column) }
                if diagnostics.count < 20 {
                    diagnostics.append(.error(.invalidVRP, at: FileLocation(file: file.path, line: place.line,
                                                                              column: place.column),
                                              problem.message))
                }
            }
        }
        return (vrps, diagnostics)
    }

    struct Problem: Error {
        var message: String
    }

    static func parse(_ roa: JSONValue) -> Result<VRP, Problem> {
        guard case .string(let prefixText)? = roa["prefix"] else { return .failure(Problem(message: "ROA without a prefix")) }
        guard case .success(let prefix) = IPPrefix.parse(prefixText), !prefix.hasHostBits else {
            return .failure(Problem(message: "ROA prefix '\(prefixText)' is not a valid prefix"))
        }
        let asn: UInt32
        switch roa["asn"] {
        case .number(let number)? where number >= 0 && number <= Double(UInt32.max) && number == number.rounded():
            asn = UInt32(number)
        case .string(let text)?:
            let digits = text.hasPrefix("AS") || text.hasPrefix("as") ? text.dropFirst(2) : Substring(text)
            guard let value = UInt32(digits) else { return .failure(Problem(message: "ROA ASN '\(text)' is not an ASN")) }
            asn = value
        default:
            return .failure(Problem(message: "ROA for \(prefixText) has no valid asn"))
        }
        var maxLength = prefix.length
        if case .number(let number)? = roa["maxLength"] ?? roa["max_length"] {
            maxLength = Int(number)
        }
        guard maxLength >= prefix.length, maxLength <= prefix.family.bitWidth else {
            return .failure(Problem(message: "ROA \(prefixText) has maxLength \(maxLength) outside /\(prefix.length)…/\(prefix.family.bitWidth)"))
        }
        return .success(VRP(prefix: prefix, maxLength: maxLength, asn: asn))
    }
}
