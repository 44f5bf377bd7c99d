import API
import ArgumentParser
import Foundation
import Logging

/// `wgc serve`: the REST API over the inventory repository; every write a validated commit.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the REST API: reads from the compiled HEAD, every write a validated git commit.",
        discussion: """
            Example:
              WGC_ADMIN_USERNAME=admin WGC_ADMIN_PASSWORD='…' \\
                wgc serve --repo /srv/inventory --inventory inventory --state-dir /var/lib/wgc-api

            Replicas behind a load balancer share a PostgreSQL database and a remote (the same on each):
              WGC_JWT_SECRET='…' wgc serve --repo /srv/inventory --inventory inventory \\
                --state-dir /var/lib/wgc-api \\
                --push ssh://git@git.example.net/inventory.git --pull-interval 30s \\
                --database 'postgres://wgc:…@db.example.net:5432/wgc'
            """
    )

    @Option(help: "The inventory's git repository.")
    var repo: String

    @Option(help: "The inventory's folder inside the repository (default: its root).")
    var inventory = ""

    @Option(help: "The branch the API reads and commits to.")
    var branch = "main"

    @Option(help: "A remote to push every commit to; replicas share one.")
    var push: String?

    @Option(help: "Fetch and fast-forward from --push this often (e.g. 30s, 5m), to serve other replicas' writes.")
    var pullInterval: AgentInterval?

    @Option(help: "Address and port to listen on.")
    var listen = ListenAddress(host: "127.0.0.1", port: 8000)

    @Option(help: "Requests a second each signed-in user may make (twice that in a burst); 0 for no limit.")
    var requestRateLimit = 100

    @Option(help: "Folder for the users database, the token secret and generated secrets.")
    var stateDir: String

    @Option(help: """
        Keep users, tokens, failed logins and the audit log in PostgreSQL, shared by replicas: \
        postgres://user:password@host:port/database[?sslmode=disable|prefer|require]. Default: SQLite in --state-dir.
        """)
    var database: String?

    @Option(help: """
        BIRD's control socket: the BGP session actions, system action reload, live session state in monitoring and \
        health; empty for none.
        """)
    var birdSocket = "/run/bird/bird.ctl"

    @Option(help: "A PEM certificate chain: serve HTTPS (with --tls-key).")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both for HTTPS, or neither")
        }
        guard pullInterval == nil || push != nil else {
            throw ValidationError("--pull-interval pulls from the --push remote: give --push too")
        }
    }

    func run() async throws {
        let configuration = APIServerConfiguration(repository: repo, inventory: inventory, branch: branch, push: push,
                                                   host: listen.host, port: listen.port, stateDirectory: stateDir,
                                                   tlsCertificate: tlsCert, tlsKey: tlsKey)
        let logger = Logger(label: "wgc.api")
        let store = try await openStore(logger: logger)
        let authentication: APIAuthentication
        do {
            if case .created(let username) = try await FirstSuperuser.ensure(in: store, stateDirectory: stateDir) {
                logger.notice("created the first superuser", metadata: ["username": "\(username)"])
            }
            let tokens = await TokenService(secret: try JWTSecret.load(stateDirectory: stateDir))
            authentication = APIAuthentication(store: store, tokens: tokens,
                                               requests: RequestRateLimiter(rate: Double(requestRateLimit)))
        } catch let refusal as FirstSuperuser.Refusal {
            await store.close()
            printError(refusal.description)
            throw ExitCode(Status.usageOrIO)
        } catch let failure as JWTSecret.Failure {
            await store.close()
            printError(failure.description)
            throw ExitCode(Status.usageOrIO)
        }
        let head: InventoryHead
        do {
            // A writer killed mid-update (kill -9, a crash, power loss) can leave the branch's lock behind, and with
            // it every later write refused; it is removed here, before this process writes anything.
            try StaleBranchLock.remove(repository: repo, branch: branch, logger: logger)
            head = try InventoryHead(repository: repo, folder: inventory, branch: branch, push: push)
            _ = try await head.current()
        } catch {
            await store.close()
            printError("\(repo) (\(inventory.isEmpty ? "its root" : inventory) of '\(branch)'): \(error)")
            throw ExitCode(Status.usageOrIO)
        }
        let socket = birdSocket.isEmpty ? nil : birdSocket
        let status = ServerStatus(head: head, store: store, birdSocket: socket, stateDirectory: stateDir)
        let live = LiveUpdates(authentication: authentication, status: status)
        let routes = InventoryRoutes.all(head: head, birdSocket: socket, secrets: SecretStore(stateDirectory: stateDir),
                                         live: live)
        let router = APIServer.router(routes: routes, authentication: authentication,
                                      isReady: {
                                          guard await head.isLoaded() else { return false }
                                          return await store.isReachable()
                                      },
                                      status: status, live: live)
        // The server returns on SIGTERM or SIGINT; the puller runs until then.
        let pulling = pullInterval.map { interval in
            let puller = InventoryPuller(head: head, interval: .seconds(interval.seconds), logger: logger)
            return Task { await puller.run() }
        }
        defer { pulling?.cancel() }
        do {
            try await APIServer.serve(configuration, router: router, logger: logger, metrics: status.metrics,
                                      live: live)
        } catch let failure as TLSSettings.Failure {
            await store.close()
            printError(failure.description)
            throw ExitCode(Status.usageOrIO)
        }
        await store.close()
    }

    /// The store `--database` names (SQLite in the state directory without it). Replicas on PostgreSQL must sign
    /// tokens with one secret, so `WGC_JWT_SECRET` is required there. A database that cannot be reached or
    /// refuses stops the start, naming its host and port.
    private func openStore(logger: Logger) async throws -> any APIStore {
        do {
            let location = try StoreLocation(database: database, stateDirectory: stateDir)
            if case .postgres = location, (ProcessInfo.processInfo.environment[JWTSecret.environmentVariable] ?? "")
                .isEmpty {
                printError("""
                    --database: replicas sharing a database must sign tokens with one secret: set \
                    \(JWTSecret.environmentVariable) (at least 32 characters), the same on every replica
                    """)
                throw ExitCode(Status.usageOrIO)
            }
            return try await location.open(logger: logger)
        } catch {
            throw StoreFailure.reported(error)
        }
    }
}
