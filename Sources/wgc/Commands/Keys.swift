import ArgumentParser
import API
import Compiler
import Foundation
import Sodium

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate WireGuard keys and derive public keys (compatible with wg genkey/pubkey).",
        subcommands: [Generate.self, Public.self, Unseal.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new private key (base64).",
            discussion: "Example: wgc keys generate > wg0.key && chmod 600 wg0.key"
        )

        func run() {
            print(WireGuardKey.encode(Sodium.generatePrivateKey()))
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a private key on standard input and print its public key.",
            discussion: "Example: wgc keys public < wg0.key"
        )

        func run() throws {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let key = input.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let publicKey = WireGuardKey.publicKey(ofPrivateKey: key) else {
                printError("standard input is not a WireGuard private key (base64 of 32 bytes)")
                throw ExitCode(Status.usageOrIO)
            }
            print(publicKey)
        }
    }
}

extension Keys {
    /// The private key `wgc serve` made for a server or client created without a public key, for the router's
    /// key file: only from the API's state folder, where it is sealed.
    struct Unseal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print or write the private key the API server generated for a public key.",
            discussion: """
                The API keeps a key pair it generated sealed in its state folder; the public key is in the \
                inventory. Put the private key on the router running that server:
                  wgc keys unseal --state-dir /var/lib/wgc-api 'PUBLIC KEY' --output /etc/wireguard/wg0.key
                """
        )

        @Option(help: "The API server's state directory (--state-dir of wgc serve).")
        var stateDir: String

        @Option(help: "Write the key to this new file (mode 0600) instead of standard output.")
        var output: String?

        @Argument(help: "The public key (base64), as the inventory has it.")
        var publicKey: String

        func run() throws {
            let store = SecretStore(stateDirectory: stateDir)
            let unsealed: String?
            do {
                unsealed = try store.unsealWireGuardKey(publicKey: publicKey)
            } catch {
                printError("\(error)")
                throw ExitCode(Status.usageOrIO)
            }
            guard let privateKey = unsealed else {
                printError("\(store.folder) holds no key sealed for \(publicKey): the API keeps a private key only "
                           + "for servers and clients it created without a public key")
                throw ExitCode(Status.usageOrIO)
            }
            guard let output else {
                print(privateKey)
                return
            }
            do {
                try createNewFile(output, contents: privateKey + "\n", permissions: 0o600)
            } catch {
                printError("cannot create the key file: \(error)")
                throw ExitCode(Status.usageOrIO)
            }
        }
    }
}

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print wgc's version.")

    func run() {
        print("wgc \(WGC.version)")
    }
}
