import ArgumentParser
import Foundation

@main
struct WGC: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "wgc",
        abstract: "GitOps for IPv6 WireGuard + BGP edge routers.",
        discussion: """
            The network is a YAML inventory in a git repository. wgc validates it, compiles it into \
            wg-quick, BIRD 2 and radvd configs, and allocates IPv6 prefixes.

            Examples:
              wgc validate examples/inventory
              wgc validate inventory --format github --strict
              wgc compile examples/inventory --out out
              wgc plan --base origin/main --diff
              wgc apply inventory --rev main --node edge-1 --state-dir /var/lib/wgc
              wgc agent --repo https://git.example.net/net/inventory.git --node edge-1 --state-dir /var/lib/wgc
              wgc audit --state-dir /var/lib/wgc-api --limit 20
              wgc allocate inventory --pool pool-1 --client client-1
              wgc keys generate | tee wg0.key | wgc keys public
            """,
        version: version,
        subcommands: [Validate.self, Compile.self, PlanCommand.self, ApplyCommand.self, AgentCommand.self, Serve.self,
                      Users.self, Audit.self, Allocate.self, Keys.self, Version.self]
    )

    /// Exit status 2 for usage errors (argument-parser's default is 64), as for I/O errors.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == .validationFailure {
                let message = fullMessage(for: error)
                if code == .success {
                    print(message)
                    Foundation.exit(0)
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Exit statuses of every verb.
enum Status {
    static let valid: Int32 = 0
    static let invalid: Int32 = 1
    static let usageOrIO: Int32 = 2
}

/// Ends the process now, flushing standard output, without freeing the model the verb built.
func exitWithoutTeardown(_ status: Int32) -> Never {
    fflush(nil)
    Foundation.exit(status)
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("wgc: " + message + "\n").utf8))
}
