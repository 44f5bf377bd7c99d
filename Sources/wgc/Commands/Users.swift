import API
import ArgumentParser
import Foundation
import Logging

/// `wgc users`: manage the REST API's users directly in the state directory, e.g. the first superuser.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the REST API's users in the state directory.",
        subcommands: [Create.self]
    )

    /// `wgc users create`: one user, its password from `WGC_PASSWORD` or standard input, never a flag.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user; the password comes from WGC_PASSWORD or the first line of standard input.",
            discussion: """
                Example:
                  WGC_PASSWORD='…' wgc users create --state-dir /var/lib/wgc-api --username admin --superuser
                """
        )

        @Option(help: "The API server's state directory (--state-dir of wgc serve).")
        var stateDir: String

        @Option(help: "wgc serve's --database, when it has one: postgres://user:password@host:port/database.")
        var database: String?

        @Option(help: "3 to 64 of A-Z, a-z, 0-9, '_', '.', '-'.")
        var username: String

        @Option(help: "The user's email address.")
        var email: String?

        @Flag(help: "Make the user a superuser (user management and writes).")
        var superuser = false

        func run() async throws {
            let fromEnvironment = ProcessInfo.processInfo.environment["WGC_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            let password = fromEnvironment ?? readLine(strippingNewline: true) ?? ""
            let problems = [UserValidation.problem(username: username), email.flatMap(UserValidation.problem(email:)),
                            UserValidation.problem(password: password)].compactMap { $0 }
            guard problems.isEmpty else {
                printError(problems.joined(separator: "; ") + " (the password comes from WGC_PASSWORD or stdin)")
                throw ExitCode(Status.usageOrIO)
            }
            do {
                let store = try await StoreLocation(database: database, stateDirectory: stateDir)
                    .open(logger: Logger(label: "wgc.users"))
                let created: Result<User, any Error>
                do {
                    created = .success(try await store.create(NewUser(username: username, email: email,
                                                                      password: password, isSuperuser: superuser)))
                } catch {
                    created = .failure(error)
                }
                await store.close()
                let user = try created.get()
                print("created \(superuser ? "superuser" : "user") \(user.username) (\(user.id))")
            } catch UserStoreError.duplicateUsername(let name) {
                printError("a user named '\(name)' already exists")
                throw ExitCode(Status.invalid)
            } catch {
                throw StoreFailure.reported(error)
            }
        }
    }
}
