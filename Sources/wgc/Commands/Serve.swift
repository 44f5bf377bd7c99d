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
            """
    )

    @Option(help: "The inventory's git repository.")
    var repo: String

    @Option(help: "The inventory's folder inside the repository (default: its root).")
    var inventory = ""

    @Option(help: "The branch the API reads and commits to.")
    var branch = "main"

    @Option(help: "A remote to push every commit to.")
    var push: String?

    @Option(help: "Address and port to listen on.")
    var listen = ListenAddress(host: "127.0.0.1", port: 8000)

    @Option(help: "Requests a second each signed-in user may make (twice that in a burst); 0 for no limit.")
    var requestRateLimit = 100

    @Option(help: "Folder for the users database, the token secret and generated secrets.")
    var stateDir: String

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
    }

    func run() async throws {
        let configuration = APIServerConfiguration(repository: repo, inventory: inventory, branch: branch, push: push,
                                                   host: listen.host, port: listen.port, stateDirectory: stateDir,
                                                   tlsCertificate: tlsCert, tlsKey: tlsKey)
        let logger = Logger(label: "wgc.api")
        let authentication: APIAuthentication
        do {
            let store = try SQLiteStore(stateDirectory: stateDir)
            if case .created(let username) = try await FirstSuperuser.ensure(in: store, stateDirectory: stateDir) {
                logger.notice("created the first superuser", metadata: ["username": "\(username)"])
            }
            let tokens = await TokenService(secret: try JWTSecret.load(stateDirectory: stateDir))
            authentication = APIAuthentication(store: store, tokens: tokens,
                                               requests: RequestRateLimiter(rate: Double(requestRateLimit)))
        } catch let refusal as FirstSuperuser.Refusal {
            printError(refusal.description)
            throw ExitCode(Status.usageOrIO)
        } catch let failure as JWTSecret.Failure {
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
            printError("\(repo) (\(inventory.isEmpty ? "its root" : inventory) of '\(branch)'): \(error)")
            throw ExitCode(Status.usageOrIO)
        }
        let store = authentication.store
        let socket = birdSocket.isEmpty ? nil : birdSocket
        let routes = InventoryRoutes.all(head: head, birdSocket: socket, secrets: SecretStore(stateDirectory: stateDir))
        let status = ServerStatus(head: head, store: store, birdSocket: socket, stateDirectory: stateDir)
        let router = APIServer.router(routes: routes, authentication: authentication,
                                      isReady: {
                                          guard await head.isLoaded() else { return false }
                                          return await store.isReachable()
                                      },
                                      status: status)
        do {
            try await APIServer.serve(configuration, router: router, logger: logger, metrics: status.metrics)
        } catch let failure as TLSSettings.Failure {
            printError(failure.description)
            throw ExitCode(Status.usageOrIO)
        }
    }
}
