import Foundation

/// The first superuser of an empty user store, from `WGC_ADMIN_USERNAME` / `WGC_ADMIN_PASSWORD`; there is no
/// default password, so an empty store without them is refused with directions.
public enum FirstSuperuser {
    /// What `ensure` did.
    public enum Outcome: Sendable, Equatable {
        case alreadyHasUsers
        case created(username: String)
    }

    /// Why the server cannot start; `description` says what to do.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    public static func ensure(in store: any APIStore, stateDirectory: String,
                              environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> Outcome {
        guard try await store.count() == 0 else { return .alreadyHasUsers }
        let username = environment["WGC_ADMIN_USERNAME"] ?? ""
        let password = environment["WGC_ADMIN_PASSWORD"] ?? ""
        guard !username.isEmpty, !password.isEmpty else {
            let database = store is SQLiteStore ? "" : " --database 'postgres://…'"
            throw Refusal(description: """
                no user exists yet in \(store.location), and there is no default password. \
                Either set WGC_ADMIN_USERNAME and WGC_ADMIN_PASSWORD (at least 8 characters) for the first start, \
                or create a superuser first: \
                WGC_PASSWORD='…' wgc users create --state-dir \(stateDirectory)\(database) --username admin \
                --superuser
                """)
        }
        if let problem = UserValidation.problem(username: username) ?? UserValidation.problem(password: password) {
            throw Refusal(description: "WGC_ADMIN_USERNAME / WGC_ADMIN_PASSWORD: \(problem)")
        }
        do {
            _ = try await store.create(NewUser(username: username, password: password, isSuperuser: true))
        } catch UserStoreError.duplicateUsername {
            // Another replica starting on the same empty database made it first.
            return .alreadyHasUsers
        }
        return .created(username: username)
    }
}
