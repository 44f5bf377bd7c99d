import Foundation
import Sodium

/// Looks for secrets where none may be: every object a git repository stores (its whole history, reachable or
/// not), or the files of a folder. What counts as a secret: the strings a test used as passwords, private keys it
/// made (in base64 or hex), a PEM `PRIVATE KEY`, a `private_key:` or `password:` with a value, and any 32-byte
/// base64 string whose Curve25519 public key is in the repository too (a WireGuard key pair committed whole).
struct SecretScan {
    /// Strings that must appear nowhere: the passwords a test used.
    var literals: [String] = []
    /// Private keys (32 bytes) that must appear nowhere.
    var privateKeys: [[UInt8]] = []

    /// One secret found: where (a commit, a blob and its path, or a file), by which rule, and the line.
    struct Finding: CustomStringConvertible, Sendable {
        var place: String
        var rule: String
        var line: String
        var description: String { "\(place): \(rule): \(line)" }
    }

    /// Every commit and blob of `repository`: what `git rev-list --all --objects` reaches (named by path), and every
    /// other object in its store (left by a write that lost its compare-and-swap, say).
    func history(of repository: String) throws -> [Finding] {
        var paths: [String: String] = [:]
        for line in try GitWorkspace.git(in: repository, "rev-list", "--all", "--objects").split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            paths[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        let stored = try GitWorkspace.git(in: repository, "cat-file", "--batch-all-objects",
                                          "--batch-check=%(objectname) %(objecttype)")
        let wanted = stored.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ")
            return parts.count == 2 && (parts[1] == "blob" || parts[1] == "commit") ? String(parts[0]) : nil
        }
        let objects = try Self.contents(of: wanted, in: repository)
        var findings: [Finding] = []
        var tokens: [String: String] = [:]  // 32-byte base64 strings, and one place each
        for (id, data) in objects {
            let place = paths[id].map { $0.isEmpty ? "commit \(id.prefix(12))" : "blob \(id.prefix(12)) \($0)" }
                ?? "unreachable object \(id.prefix(12))"
            findings += self.findings(in: data, place: place, structured: true)
            for token in Self.keyTokens(in: String(decoding: data, as: UTF8.self)) { tokens[token] = place }
        }
        for (token, place) in tokens {
            guard let key = Data(base64Encoded: token),
                  let publicKey = Sodium.curve25519PublicKey(privateKey: [UInt8](key)),
                  tokens[Data(publicKey).base64EncodedString()] != nil else { continue }
            findings.append(Finding(place: place, rule: "private key of a public key in the repository", line: token))
        }
        return findings
    }

    /// The files under `folder`, less those named in `excluding`: the literals and known keys only, since a state
    /// directory may rightly hold generated secrets of its own.
    func files(under folder: String, excluding: Set<String> = []) throws -> [Finding] {
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        var findings: [Finding] = []
        for name in names.sorted() where !excluding.contains((name as NSString).lastPathComponent) {
            let path = folder + "/" + name
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            findings += self.findings(in: try Data(contentsOf: URL(fileURLWithPath: path)), place: path,
                                      structured: false)
        }
        return findings
    }

    /// The secrets in `data`; `structured` adds the rules for files of the inventory (PEM keys, `password:`).
    func findings(in data: Data, place: String, structured: Bool) -> [Finding] {
        var findings: [Finding] = []
        for literal in literals where data.range(of: Data(literal.utf8)) != nil {
            findings.append(Finding(place: place, rule: "a password of the test", line: literal))
        }
        for key in privateKeys {
            let hex = key.map { String(format: "%02x", $0) }.joined()
            for form in [Data(key).base64EncodedString(), hex, hex.uppercased()]
            where data.range(of: Data(form.utf8)) != nil {
                findings.append(Finding(place: place, rule: "a private key of the test", line: form))
            }
        }
        guard structured else { return findings }
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") {
            if line.contains("PRIVATE KEY") {
                findings.append(Finding(place: place, rule: "PEM private key", line: String(line)))
            }
            if let field = Self.secretField(in: String(line)) {
                findings.append(Finding(place: place, rule: "\(field) with a value", line: String(line)))
            }
        }
        return findings
    }

    /// `private_key` or `password` given a value on `line` (YAML `key: value`, JSON `"key": "value"`); nil when
    /// absent, or when its value is empty or null.
    static func secretField(in line: String) -> String? {
        for match in line.matches(of: secretFieldPattern) {
            let value = String(match.output.2 ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\"' ,}"))
            if !["", "null", "~"].contains(value) { return String(match.output.1) }
        }
        return nil
    }

    nonisolated(unsafe) private static let secretFieldPattern =
        #/(?:^|[^A-Za-z0-9_])["']?(private_key|password)["']?\s*[:=]\s*([^\s,}#][^,}#]*)?/#

    nonisolated(unsafe) private static let keyPattern = #/(?:^|[^A-Za-z0-9+\/])([A-Za-z0-9+\/]{43}=)/#

    /// Base64 strings of 32 bytes: the shape of WireGuard keys, public and private.
    static func keyTokens(in text: String) -> [String] {
        text.matches(of: keyPattern).map { String($0.output.1) }.filter { Data(base64Encoded: $0)?.count == 32 }
    }

    /// The contents of `objects` (ids), read with one `git cat-file --batch`.
    private static func contents(of objects: [String], in repository: String) throws -> [(String, Data)] {
        let scratch = try TemporaryFolder()
        let input = try scratch.write("objects", objects.joined(separator: "\n") + "\n")
        let output = scratch.path + "/contents"
        let errors = scratch.path + "/errors"
        let pid = try Programs.spawn(["git", "-C", repository, "cat-file", "--batch"], stdin: input, stdout: output,
                                     stderr: errors, environment: GitWorkspace.environment)
        guard Programs.wait(pid, timeout: 60) == 0 else {
            kill(pid, SIGKILL)
            throw GitCommandError(command: "git cat-file --batch",
                                  output: (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        var result: [(String, Data)] = []
        var position = data.startIndex
        while let newline = data[position...].firstIndex(of: UInt8(ascii: "\n")) {
            let header = String(decoding: data[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]) else {
                throw GitCommandError(command: "git cat-file --batch", output: "unexpected header \(header)")
            }
            let start = newline + 1
            result.append((String(header[0]), data[start..<start + size]))
            position = start + size + 1
        }
        return result
    }
}
