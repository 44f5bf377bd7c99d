import Compiler
import Foundation

/// The plan tests' inventories: the base fixture (`Tests/Fixtures/plan/base`) as files in memory, edited,
/// grown, and compiled as one side of a plan.
enum PlanFixture {
    typealias Files = [String: String]

    /// The base inventory's files, path to contents.
    static func baseFiles() throws -> Files {
        let files = try FolderSource(path: Repository.fixtures.appendingPathComponent("plan/base").path).files()
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }

    static func applying(_ edits: [FileEdit], to files: Files) -> Files {
        var files = files
        for edit in edits {
            switch edit {
            case .write(let path, let contents): files[path] = contents
            case .delete(let path): files[path] = nil
            }
        }
        return files
    }

    static func compile(_ revision: String, _ files: Files, strict: Bool = false) -> CompiledRevision {
        CompiledRevision.compile(revision: revision, commit: nil,
                                 files: files.map { SourceFile(path: $0.key, bytes: Array($0.value.utf8)) },
                                 strict: strict)
    }

    static func plan(_ base: Files, _ head: Files, node: String? = nil) -> Plan {
        Planner.plan(base: compile("base", base), head: compile("head", head), node: node)
    }

    /// The base fixture with `count` more clients on server-1, each in its own file.
    static func withClients(_ count: Int, keyOf key: (Int) -> String = { Self.key($0) }) throws -> Files {
        var files = try baseFiles()
        files["wireguard/server-1.yaml"] = files["wireguard/server-1.yaml"]!
            .replacingOccurrences(of: "10.0.0.1/24", with: "10.0.0.1/16")
        for index in 0..<count {
            files["wireguard/clients/c\(index).yaml"] = """
                kind: WireGuardClient
                name: c\(index)
                server: server-1
                public_key: \(key(index))
                ipv4_address: 10.0.\(100 + index / 250).\(index % 250 + 1)/32
                ipv6_address: fd00:1234::1:\(String(index, radix: 16))/128

                """
        }
        return files
    }

    /// A distinct, canonical WireGuard key for each number.
    static func key(_ number: Int, variant: UInt8 = 0) -> String {
        var bytes = [UInt8](repeating: variant, count: 32)
        withUnsafeBytes(of: UInt32(number).bigEndian) { bytes.replaceSubrange(0..<4, with: $0) }
        return Data(bytes).base64EncodedString()
    }
}
