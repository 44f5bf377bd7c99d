import Compiler
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The agent's state folder: `state.json` (written atomically), the local copy of the repository, and a lock
/// held for as long as the store is open, so two agents never drive the same router at once.
public final class StateStore: @unchecked Sendable {  // one owner; the lock descriptor never changes
    public let folder: String
    private let lockDescriptor: Int32

    public var statePath: String { folder + "/state.json" }
    /// A bare repository the agent fetches into; git is the truth, this is only its cache.
    public var repositoryPath: String { folder + "/repository.git" }

    /// Opens (creating) `folder` and takes its lock; an agent already running on it is an error saying so.
    public init(folder: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let descriptor = open(folder + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AgentError.system("opening \(folder)/lock", errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw AgentError(.environment, "another wgc agent is using the state folder \(folder)")
        }
        lockDescriptor = descriptor
        AtomicFile.removeLeftovers(in: folder)
    }

    deinit { close(lockDescriptor) }

    /// The saved state, or a fresh one for `node`. A state file for another node is refused: one state folder
    /// per node.
    public func load(node: String) throws -> AgentState {
        guard let data = FileManager.default.contents(atPath: statePath) else { return AgentState(node: node) }
        let state: AgentState
        do {
            state = try Self.decoder.decode(AgentState.self, from: data)
        } catch {
            throw AgentError(.environment, "\(statePath) is not a wgc agent state file: \(error)")
        }
        guard state.node == node else {
            throw AgentError(.environment, "\(statePath) belongs to node '\(state.node)', not '\(node)'")
        }
        return state
    }

    public func save(_ state: AgentState) throws {
        let data = try Self.encoder.encode(state)
        try AtomicFile.write(Array(data) + [0x0A], to: statePath, permissions: 0o600)
    }

    /// The last good revision's configuration, kept beside the state so a boot re-applies it without git.
    public var configurationPath: String { folder + "/applied-configuration.json" }

    public func loadConfiguration() -> RouterConfiguration? { Self.readConfiguration(folder: folder) }

    /// Reads the last good configuration without taking the lock (for `wgc agent status --live`).
    public static func readConfiguration(folder: String) -> RouterConfiguration? {
        readSaved(folder: folder)?.configuration
    }

    /// The saved configuration and the commit it is of (nil in a file written before files named their commit).
    static func readSaved(folder: String) -> SavedConfiguration? {
        guard let data = FileManager.default.contents(atPath: folder + "/applied-configuration.json") else { return nil }
        if let saved = try? JSONDecoder().decode(SavedConfiguration.self, from: data) { return saved }
        return (try? JSONDecoder().decode(RouterConfiguration.self, from: data))
            .map { SavedConfiguration(commit: nil, configuration: $0) }
    }

    public func save(_ configuration: RouterConfiguration, commit: String) throws {
        try save(encodedConfiguration: Self.encode(configuration, commit: commit))
    }

    /// The contents `save(_:commit:)` writes.
    static func encode(_ configuration: RouterConfiguration, commit: String) throws -> [UInt8] {
        // Field names as in Swift: snake-case conversion does not survive names such as `remoteAS`.
        Array(try JSONEncoder().encode(SavedConfiguration(commit: commit, configuration: configuration))) + [0x0A]
    }

    func save(encodedConfiguration bytes: [UInt8]) throws {
        try AtomicFile.write(bytes, to: configurationPath, permissions: 0o600)
    }

    /// Reads a state file without taking the lock (for `wgc agent status` while the agent runs).
    public static func read(folder: String) throws -> AgentState? {
        guard let data = FileManager.default.contents(atPath: folder + "/state.json") else { return nil }
        return try decoder.decode(AgentState.self, from: data)
    }

    /// How the state is written (also by `wgc agent status --format json`): sorted snake_case keys, ISO 8601.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}

/// `applied-configuration.json`: a configuration and the commit it was compiled from. It is written after the
/// state that records the commit applied, so a stop in between leaves it naming an older commit, and a boot
/// then compiles the applied commit instead of trusting it.
struct SavedConfiguration: Codable {
    var commit: String?
    var configuration: RouterConfiguration
}
