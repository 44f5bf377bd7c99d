/// Reads the reply to `show protocols [all]`: each 1002 line starts a protocol, the 1006 lines after it are
/// its details (BGP session first, then one block per `Channel NAME`).
enum BIRDProtocolsParser {
    static func protocols(in reply: BIRDReply) -> [BIRDProtocolStatus]? {
        var protocols: [BIRDProtocolStatus] = []
        for line in reply.lines.dropLast() {
            switch line.code {
            case 1002:
                guard let summary = summary(line.text) else { return nil }
                protocols.append(summary)
            case 1006:
                guard !protocols.isEmpty else { return nil }
                detail(line.text, into: &protocols[protocols.count - 1])
            default:
                continue
            }
        }
        return protocols
    }

    /// `NAME PROTO TABLE STATE SINCE  INFO`: BIRD pads columns but a long name shifts them, so the first four
    /// are words; `since` may hold one space (a date and a time) and ends at the two spaces before `info`.
    static func summary(_ text: String) -> BIRDProtocolStatus? {
        var rest = Substring(text)
        var words: [String] = []
        for _ in 0..<4 {
            rest = rest.drop { $0 == " " }
            let word = rest.prefix { $0 != " " }
            guard !word.isEmpty else { return nil }
            words.append(String(word))
            rest = rest.dropFirst(word.count)
        }
        rest = rest.drop { $0 == " " }
        let since: Substring
        let info: Substring
        if let gap = rest.firstRange(of: "  ") {
            since = rest[..<gap.lowerBound]
            info = rest[gap.upperBound...]
        } else {
            since = rest
            info = ""
        }
        return BIRDProtocolStatus(
            name: words[0], proto: words[1], table: words[2] == "---" ? nil : words[2],
            state: BIRDProtocolStatus.State(rawValue: words[3]) ?? .unknown,
            since: String(since.trimmingSpaces), info: String(info.trimmingSpaces))
    }

    private static func detail(_ text: String, into status: inout BIRDProtocolStatus) {
        let line = text.trimmingSpaces
        if line.hasPrefix("Channel ") {
            status.channels.append(.init(name: String(line.dropFirst("Channel ".count).trimmingSpaces)))
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let key = line[..<colon]
        let value = String(line[line.index(after: colon)...].trimmingSpaces)
        if !status.channels.isEmpty {
            channelDetail(key, value, into: &status.channels[status.channels.count - 1])
        } else if key == "BGP state" {
            status.bgp = BIRDProtocolStatus.BGP(state: value)
        } else if status.bgp != nil {
            bgpDetail(key, value, into: &status.bgp!)
        }
    }

    private static func bgpDetail(_ key: Substring, _ value: String, into bgp: inout BIRDProtocolStatus.BGP) {
        switch key {
        case "Neighbor address": bgp.neighborAddress = value
        case "Neighbor AS": bgp.neighborAS = UInt32(value)
        case "Local AS": bgp.localAS = UInt32(value)
        case "Neighbor ID": bgp.neighborID = value
        case "Source address": bgp.sourceAddress = value
        case "Last error": bgp.lastError = value
        default: break
        }
    }

    private static func channelDetail(_ key: Substring, _ value: String,
                                      into channel: inout BIRDProtocolStatus.Channel) {
        switch key {
        case "State": channel.state = value
        case "Table": channel.table = value
        case "Routes": channel.routes = routeCounts(value)
        default: break
        }
    }

    /// `2 imported, 1 filtered, 0 exported, 2 preferred` (`filtered` only with `import keep filtered`).
    static func routeCounts(_ text: String) -> BIRDProtocolStatus.RouteCounts? {
        var counts: [Substring: Int] = [:]
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ")
            guard words.count == 2, let count = Int(words[0]) else { return nil }
            counts[words[1]] = count
        }
        guard let imported = counts["imported"], let exported = counts["exported"] else { return nil }
        return .init(imported: imported, filtered: counts["filtered"] ?? 0, exported: exported,
                     preferred: counts["preferred"] ?? 0)
    }
}

private extension StringProtocol {
    var trimmingSpaces: SubSequence {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
