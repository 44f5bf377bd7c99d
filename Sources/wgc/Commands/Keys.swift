import ArgumentParser
import Compiler
import Foundation
import Sodium

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate WireGuard keys and derive public keys (compatible with wg genkey/pubkey).",
        subcommands: [Generate.self, Public.self]
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

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print wgc's version.")

    func run() {
        print("wgc \(WGC.version)")
    }
}
