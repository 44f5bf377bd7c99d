import CLibGit2

/// What libgit2's remote callbacks see: the credentials to offer and what the remote said. Passed to C as the
/// callbacks' payload; lives for the duration of one fetch or push.
final class RemoteSession {
    let credentials: Credentials
    var attempts = 0
    /// Push updates the remote refused, as `reference: reason`.
    var rejections: [String] = []
    /// The host keys to check an ssh server against, and the file they came from.
    private let knownHosts: (hosts: KnownHosts, path: String)?
    /// The port of the URL this session connects to: nil when the URL names none (22), `.unknown` when wgc
    /// cannot parse it (then no host key is accepted against the file).
    private let port: KnownHosts.Port
    /// Why the server's host key was refused, when it was.
    var hostKeyProblem: String?

    /// `url` is the URL libgit2 connects to (the push URL when pushing).
    init(access: RemoteAccess, url: String) throws(GitError) {
        self.credentials = access.credentials
        if let path = access.knownHostsFile {
            knownHosts = (try KnownHosts(path: path), path)
        } else {
            knownHosts = nil
        }
        port = KnownHosts.port(of: url)
    }

    /// Callbacks for a fetch or push, with `self` as their payload; valid while `self` lives.
    func callbacks() throws(GitError) -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        try LibGit2.check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)),
                          "setting up remote callbacks")
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let payload, let out else { return -1 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquire(out, usernameFromURL.map { String(cString: $0) }, allowedTypes)
        }
        callbacks.certificate_check = { certificate, _, host, payload in
            guard let payload, let certificate else { return GIT_ECERTIFICATE.rawValue }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.check(certificate, host: host.map { String(cString: $0) } ?? "")
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let status else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            let name = reference.map { String(cString: $0) } ?? "?"
            session.rejections.append("\(name): \(String(cString: status))")
            return 0
        }
        return callbacks
    }

    /// Accepts an ssh server whose raw host key the known-hosts file lists for `host` (the host libgit2 connects
    /// to) and the URL's port; TLS certificates, and ssh without a known-hosts file, are left to libgit2's own
    /// checks (`~/.ssh/known_hosts`).
    private func check(_ certificate: UnsafeMutablePointer<git_cert>, host: String) -> Int32 {
        guard let knownHosts, certificate.pointee.cert_type == GIT_CERT_HOSTKEY_LIBSSH2 else {
            return GIT_PASSTHROUGH.rawValue
        }
        guard case .known(let port) = port else {
            hostKeyProblem = "cannot tell which port the ssh URL names, so its host key cannot be looked up in "
                + knownHosts.path
            return GIT_ECERTIFICATE.rawValue
        }
        let hostKey = UnsafeRawPointer(certificate).assumingMemoryBound(to: git_cert_hostkey.self).pointee
        guard hostKey.type.rawValue & GIT_CERT_SSH_RAW.rawValue != 0, let raw = hostKey.hostkey else {
            hostKeyProblem = "the ssh server's raw host key is not available to check"
            return GIT_ECERTIFICATE.rawValue
        }
        let bytes = Array(UnsafeRawBufferPointer(start: raw, count: hostKey.hostkey_len))
        hostKeyProblem = knownHosts.hosts.problem(name: KnownHosts.name(host: host, port: port), rawKey: bytes,
                                                  path: knownHosts.path)
        return hostKeyProblem == nil ? 0 : GIT_ECERTIFICATE.rawValue
    }

    /// Offers the configured credentials once; libgit2 asks again after a refusal, and a second offer of the
    /// same key would loop forever.
    private func acquire(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, _ urlUser: String?,
                         _ allowed: UInt32) -> Int32 {
        // Without a user in the URL, libgit2 first asks for the user name alone; that is not an attempt.
        if allowed == GIT_CREDENTIAL_USERNAME.rawValue {
            return git_credential_username_new(out, username(urlUser))
        }
        attempts += 1
        guard attempts == 1 else {
            git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "the remote refused the credentials offered")
            return GIT_EAUTH.rawValue
        }
        let sshKey = GIT_CREDENTIAL_SSH_KEY.rawValue
        let userPass = GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue
        switch credentials {
        case .none:
            return GIT_PASSTHROUGH.rawValue
        case .sshAgent(let username):
            guard allowed & sshKey != 0 else { return GIT_PASSTHROUGH.rawValue }
            return git_credential_ssh_key_from_agent(out, username ?? urlUser ?? "git")
        case .sshKey(let username, let privateKey, let publicKey, let passphrase):
            guard allowed & sshKey != 0 else { return GIT_PASSTHROUGH.rawValue }
            return git_credential_ssh_key_new(out, username ?? urlUser ?? "git", publicKey, privateKey, passphrase)
        case .userPassword(let username, let password):
            guard allowed & userPass != 0 else { return GIT_PASSTHROUGH.rawValue }
            return git_credential_userpass_plaintext_new(out, username, password)
        }
    }

    /// The user name the credentials name, else the URL's, else `git` (what hosting services expect).
    private func username(_ urlUser: String?) -> String {
        switch credentials {
        case .sshAgent(let username), .sshKey(let username, _, _, _): username ?? urlUser ?? "git"
        case .userPassword(let username, _): username
        case .none: urlUser ?? "git"
        }
    }

    /// Throws for a failed fetch or push, naming a refused host key rather than libgit2's generic message.
    func check(_ result: Int32, _ operation: String) throws(GitError) {
        guard result < 0 else { return }
        if let hostKeyProblem {
            throw GitError(.hostKey, operation: operation, message: hostKeyProblem, code: result)
        }
        try LibGit2.check(result, operation)
    }
}
