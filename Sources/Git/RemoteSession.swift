import CLibGit2

/// What libgit2's remote callbacks see: the credentials to offer and what the remote said. Passed to C as the
/// callbacks' payload; lives for the duration of one fetch or push.
final class RemoteSession {
    let credentials: Credentials
    var attempts = 0
    /// Push updates the remote refused, as `reference: reason`.
    var rejections: [String] = []

    init(credentials: Credentials) {
        self.credentials = credentials
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
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let status else { return 0 }
            let session = Unmanaged<RemoteSession>.fromOpaque(payload).takeUnretainedValue()
            let name = reference.map { String(cString: $0) } ?? "?"
            session.rejections.append("\(name): \(String(cString: status))")
            return 0
        }
        return callbacks
    }

    /// Offers the configured credentials once; libgit2 asks again after a refusal, and a second offer of the
    /// same key would loop forever.
    private func acquire(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>, _ urlUser: String?,
                         _ allowed: UInt32) -> Int32 {
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
}
