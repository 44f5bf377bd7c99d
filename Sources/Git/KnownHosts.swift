import Foundation

/// The ssh host keys an OpenSSH `known_hosts` file lists, and the check of a server's key against them.
/// Plain host names and `[host]:port` entries are read; hashed entries and `@cert-authority` lines are not (they
/// never match, so such a host is refused, not trusted); `@revoked` keys are refused wherever they are listed.
struct KnownHosts {
    /// Base64 keys per host name (`host`, or `[host]:port`).
    private var keys: [String: Set<String>] = [:]
    private var revoked: Set<String> = []

    init(path: String) throws(GitError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw GitError(.hostKey, operation: "reading known hosts", message: "cannot read '\(path)'")
        }
        for line in text.split(whereSeparator: \.isNewline) {
            var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            if first == "@revoked", fields.count >= 4 {
                revoked.insert(fields[3])
                continue
            }
            guard fields.count >= 3, !first.hasPrefix("@"), !first.hasPrefix("|") else { continue }
            let key = fields[2]
            fields = first.split(separator: ",").map(String.init)
            for host in fields { keys[host, default: []].insert(key) }
        }
    }

    /// How `[host]:port` is written in known_hosts: the bare host for port 22.
    static func name(host: String, port: Int?) -> String {
        guard let port, port != 22 else { return host }
        return "[\(host)]:\(port)"
    }

    /// Nil when `rawKey` is listed for `name` and not revoked; otherwise why the connection must not go on.
    func problem(name: String, rawKey: [UInt8], path: String) -> String? {
        let encoded = Data(rawKey).base64EncodedString()
        if revoked.contains(encoded) { return "the key \(name) offered is marked @revoked in \(path): refusing to connect" }
        guard let listed = keys[name] else {
            return "\(name) is not in \(path); add its key (ssh-keyscan) after checking it out of band"
        }
        if listed.contains(encoded) { return nil }
        return "the key \(name) offered is not the one \(path) lists for it: refusing to connect "
            + "(someone may be impersonating the server)"
    }

    /// The port an ssh URL names.
    enum Port: Equatable {
        case known(Int?)  // nil: none named, so 22
        case unknown
    }

    /// The port of `ssh://[user@]host[:port]/path`, `[user@host:port]:path` or scp-like `[user@]host:path`
    /// (schemes in any case). Other kinds of URL, which do not use ssh, are `.known(nil)`.
    static func port(of url: String) -> Port {
        let lowered = url.lowercased()
        for scheme in ["ssh://", "git+ssh://", "ssh+git://"] where lowered.hasPrefix(scheme) {
            let rest = url.dropFirst(scheme.count)
            var authority = rest.prefix { $0 != "/" }
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            guard let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") else { return .known(nil) }
            let digits = authority[authority.index(after: colon)...]
            if digits.isEmpty { return .known(nil) }
            return Int(digits).map { .known($0) } ?? .unknown
        }
        if url.hasPrefix("["), let close = url.firstIndex(of: "]") {
            let inside = url[url.index(after: url.startIndex)..<close]
            guard let colon = inside.lastIndex(of: ":") else { return .known(nil) }
            return Int(inside[inside.index(after: colon)...]).map { .known($0) } ?? .known(nil)
        }
        return .known(nil)
    }
}
