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
