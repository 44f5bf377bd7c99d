/// How to authenticate to a remote. Secrets stay in memory: they are never logged or written.
public enum Credentials: Sendable {
    /// No credentials: local paths, `file://`, `git://` and public https.
    case none
    /// The keys held by the running ssh-agent (`SSH_AUTH_SOCK`).
    case sshAgent(username: String?)
    /// A private key file (and its public key file, when not beside it as `.pub`).
    case sshKey(username: String?, privateKey: String, publicKey: String?, passphrase: String?)
    /// A user name and password or token, for https.
    case userPassword(username: String, password: String)

    /// ssh URLs use the agent; everything else needs nothing.
    public static let automatic = Credentials.sshAgent(username: nil)
}

/// Everything a fetch or push needs to reach a remote: who we are, and which ssh host keys we trust.
public struct RemoteAccess: Sendable {
    public var credentials: Credentials
    /// An OpenSSH `known_hosts` file the ssh server's key must be listed in (plain host names, `[host]:port`
    /// for other ports than 22; hashed entries and markers are not read). Nil leaves the check to libgit2.
    public var knownHostsFile: String?

    public init(credentials: Credentials = .automatic, knownHostsFile: String? = nil) {
        self.credentials = credentials
        self.knownHostsFile = knownHostsFile
    }
}
