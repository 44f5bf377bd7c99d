import Foundation

/// The ssh host keys an OpenSSH `known_hosts` file lists, and the check of a server's key against them.
struct KnownHosts {
    /// Key type and base64 key per host name (`host`, or `[host]:port`).
    var keys: [String: [(type: String, key: String)]] = [:]

    init(path: String) throws(GitError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw GitError(.hostKey, operation: "reading known hosts", message: "cannot read '\(path)'")
        }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 3, !fields[0].hasPrefix("#"), !fields[0].hasPrefix("@"), !fields[0].hasPrefix("|")
            else { continue }
            for host in fields[0].split(separator: ",") {
                keys[String(host), default: []].append((String(fields[1]), String(fields[2])))
            }
        }
    }

    /// How `[host]:port` is written in known_hosts: the bare host for port 22.
    static func name(host: String, port: Int?) -> String {
        guard let port, port != 22 else { return host }
        return "[\(host)]:\(port)"
    }

    /// Nil when `rawKey` is listed for `name`; otherwise why the connection must not go on.
    func problem(name: String, rawKey: [UInt8], path: String) -> String? {
        let encoded = Data(rawKey).base64EncodedString()
        guard let listed = keys[name] else {
            return "\(name) is not in \(path); add its key (ssh-keyscan) after checking it out of band"
        }
        if listed.contains(where: { $0.key == encoded }) { return nil }
        return "the key \(name) offered is not the one \(path) lists for it: refusing to connect "
            + "(someone may be impersonating the server)"
    }

    /// Host and port of an ssh remote: `ssh://[user@]host[:port]/path` or scp-like `[user@]host:path`; nil for
    /// other kinds of remote.
    static func endpoint(of url: String) -> (host: String, port: Int?)? {
        if url.hasPrefix("ssh://") || url.hasPrefix("git+ssh://") || url.hasPrefix("ssh+git://") {
            guard let components = URLComponents(string: url), let host = components.host else { return nil }
            return (host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), components.port)
        }
        guard !url.contains("://"), !url.hasPrefix("/"), let colon = url.firstIndex(of: ":") else { return nil }
        var host = String(url[..<colon])
        if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
        return host.isEmpty || host.contains("/") ? nil : (host, nil)
    }
}
