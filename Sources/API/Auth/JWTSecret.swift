import Foundation
import Sodium

/// The HS256 signing secret: `WGC_JWT_SECRET` when set, else `jwt-secret` in the state directory, generated
/// (32 random bytes, hex, mode 0600) on first start.
public enum JWTSecret {
    public static let fileName = "jwt-secret"
    public static let environmentVariable = "WGC_JWT_SECRET"

    /// Why no secret could be had.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(stateDirectory: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [UInt8] {
        if let value = environment[environmentVariable], !value.isEmpty {
            guard value.utf8.count >= 32 else {
                throw Failure(description: "\(environmentVariable) must be at least 32 characters long")
            }
            return Array(value.utf8)
        }
        let path = (stateDirectory as NSString).appendingPathComponent(fileName)
        if let existing = FileManager.default.contents(atPath: path) {
            let text = String(decoding: existing, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.utf8.count >= 32 else { throw Failure(description: "\(path) is shorter than 32 characters") }
            return Array(text.utf8)
        }
        let secret = Sodium.randomBytes(32).map { String(format: "%02x", $0) }.joined()
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        guard FileManager.default.createFile(atPath: path, contents: Data((secret + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write \(path)")
        }
        return Array(secret.utf8)
    }
}
