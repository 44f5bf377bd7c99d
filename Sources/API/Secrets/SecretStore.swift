import Foundation
import Sodium

/// The secrets the API takes or makes, kept in the state folder and never in git:
/// - WireGuard private keys the server generated, each sealed (libsodium sealed box) to the state folder's own
///   sealing key and stored by its public key, `secrets/wireguard/<public key, base64url>.sealed`;
/// - BGP passwords, as the compiler's `password_secret` include expects them on the router:
///   `secrets/bgp/<name>.conf` holding `password "…";` — copy `secrets/bgp/` to the routers' `--secret-dir`.
/// Folders are 0700 and files 0600, written atomically.
public struct SecretStore: Sendable {
    public let folder: String

    public init(stateDirectory: String) {
        folder = (stateDirectory as NSString).appendingPathComponent("secrets")
    }

    /// Why a secret could not be kept.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: WireGuard keys

    /// Makes a WireGuard key pair, stores the private key sealed, and returns the public key (base64). The sealed
    /// key is on disk before the public key is committed anywhere, so no committed key lacks its private half.
    public func generateWireGuardKey() throws -> String {
        var privateKey = Sodium.generatePrivateKey()
        defer { privateKey.withUnsafeMutableBufferPointer { $0.initialize(repeating: 0) } }
        guard let publicKey = Sodium.curve25519PublicKey(privateKey: privateKey) else {
            throw Failure(description: "could not derive a public key")
        }
        let sealing = try sealingKeyPair()
        guard let sealed = Sodium.seal(privateKey, to: sealing.publicKey) else {
            throw Failure(description: "could not seal the private key")
        }
        let encoded = Data(publicKey).base64EncodedString()
        try write(sealed, to: wireGuardPath(publicKey: encoded))
        return encoded
    }

    /// The private key (base64) of a key pair this store generated, found by its public key; nil for any other.
    public func wireGuardPrivateKey(publicKey: String) -> String? {
        (try? unsealWireGuardKey(publicKey: publicKey)) ?? nil
    }

    /// The private key (base64) sealed for `publicKey`; nil when this store holds none for it; an error naming
    /// the file when one is there but cannot be opened. Reads only: a missing sealing key is not made.
    public func unsealWireGuardKey(publicKey: String) throws -> String? {
        let path = wireGuardPath(publicKey: publicKey)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let sealed = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        guard let sealing = try existingSealingKeyPair() else {
            throw Failure(description: "\(folder)/seal.key, the key \(path) is sealed to, is missing")
        }
        guard let key = Sodium.openSealed(Array(sealed), publicKey: sealing.publicKey, privateKey: sealing.privateKey),
              Sodium.curve25519PublicKey(privateKey: key).map({ Data($0).base64EncodedString() }) == publicKey
        else { throw Failure(description: "\(path) does not open with \(folder)/seal.key to the key of \(publicKey)") }
        return Data(key).base64EncodedString()
    }

    private func wireGuardPath(publicKey: String) -> String {
        let name = publicKey.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return folder + "/wireguard/" + name + ".sealed"
    }

    /// The state folder's sealing key pair, made on first use (`secrets/seal.key`: private then public key).
    private func sealingKeyPair() throws -> (publicKey: [UInt8], privateKey: [UInt8]) {
        if let existing = try existingSealingKeyPair() { return existing }
        let privateKey = Sodium.randomBytes(32)
        guard let publicKey = Sodium.curve25519PublicKey(privateKey: privateKey) else {
            throw Failure(description: "could not make the sealing key")
        }
        try write(privateKey + publicKey, to: sealingKeyPath, exclusive: true)
        guard let made = try existingSealingKeyPair() else { throw Failure(description: "cannot read \(sealingKeyPath)") }
        return made
    }

    /// The sealing key pair when there is one; an error when the file is there but is not one.
    private func existingSealingKeyPair() throws -> (publicKey: [UInt8], privateKey: [UInt8])? {
        guard FileManager.default.fileExists(atPath: sealingKeyPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: sealingKeyPath), data.count == 64 else {
            throw Failure(description: "\(sealingKeyPath) cannot be read or is not a sealing key")
        }
        let bytes = Array(data)
        return (Array(bytes[32...]), Array(bytes[..<32]))
    }

    private var sealingKeyPath: String { folder + "/seal.key" }

    // MARK: BGP passwords

    /// Stores a session's password as BIRD's `password "…";` line under `name`; 422 for a password BIRD's
    /// configuration could not hold safely.
    public func storeBGPPassword(_ password: String, name: String) throws {
        guard (1...80).contains(password.utf8.count),
              password.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F
                                                   && $0 != "\"" && $0 != "\\" }) else {
            throw APIError(.unprocessableContent, "VALIDATION_FAILED",
                           "'password' must be 1 to 80 printable ASCII characters without '\"' or '\\\\'")
        }
        try write(Array("password \"\(password)\";\n".utf8), to: folder + "/bgp/" + name + ".conf")
    }

    // MARK: Files

    /// Writes `bytes` to `path` with mode 0600 through a temporary file and a rename; `exclusive` keeps a file
    /// that is already there (two first uses racing agree on one key).
    private func write(_ bytes: [UInt8], to path: String, exclusive: Bool = false) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let temporary = directory + "/.tmp-" + UUID().uuidString
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure(description: "cannot write \(temporary): \(errnoText())") }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot write \(temporary): \(errnoText())")
        }
        if exclusive {
            defer { unlink(temporary) }
            if link(temporary, path) != 0, errno != EEXIST {
                throw Failure(description: "cannot create \(path): \(errnoText())")
            }
            return
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(description: "cannot write \(path): \(errnoText())")
        }
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }
}
