import API
import ArgumentParser

/// How `wgc serve`, `wgc users` and `wgc audit` report a store they could not open: a `--database` that is no
/// PostgreSQL URL, or a server that cannot be reached or refuses, is printed and ends the verb with status 2.
enum StoreFailure {
    /// What to throw for `error`: `ExitCode(Status.usageOrIO)` once a store's problem is printed, else `error`.
    static func reported(_ error: any Error) -> any Error {
        switch error {
        case let problem as DatabaseURL.Problem: printError(problem.description)
        case let failure as PostgresStoreError: printError(failure.description)
        default: return error
        }
        return ExitCode(Status.usageOrIO)
    }
}
