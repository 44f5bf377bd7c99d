/// How `wgc serve` runs: the repository it commits to, where it listens, where its own state lives.
public struct APIServerConfiguration: Sendable {
    /// A git repository (work tree or bare) whose branch holds the inventory.
    public var repository: String
    /// The inventory's folder inside the repository.
    public var inventory: String
    public var branch: String
    /// A remote to push each commit to, when the repository is one of several writers' copies.
    public var push: String?
    public var host: String
    public var port: Int
    /// The users database, the token secret, generated keys and secrets (mode 0700).
    public var stateDirectory: String
    /// PEM files of the certificate chain and its private key: HTTPS when both are given.
    public var tlsCertificate: String?
    public var tlsKey: String?

    public init(repository: String, inventory: String, branch: String = "main", push: String? = nil,
                host: String = "127.0.0.1", port: Int = 8000, stateDirectory: String, tlsCertificate: String? = nil,
                tlsKey: String? = nil) {
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.repository = repository
        self.inventory = inventory
        self.branch = branch
        self.push = push
        self.host = host
        self.port = port
        self.stateDirectory = stateDirectory
    }
}
