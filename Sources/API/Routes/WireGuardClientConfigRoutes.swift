import Compiler
import Hummingbird
import QRCode

/// `/api/v1/wireguard/clients/{id}/config` and `/{id}/qrcode`: a client's wg-quick config from the compiled HEAD,
/// rendered by the compiler's own emitter (the `clients/<name>.conf` of `wgc compile`), as text and as a QR code.
/// When the server made the client's key pair, the private key is filled in (unsealed from the state folder);
/// otherwise the config says where the client's own key goes.
struct WireGuardClientConfigRoutes: APIRoutes {
    let head: InventoryHead
    var secrets: SecretStore?
    var path: String { "wireguard/clients" }

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("{id}/config") { _, context in
            WireGuardClientConfigResponse(config: try await clientConfig(context.parameters.require("id")))
        }
        group.get("{id}/qrcode") { _, context in
            let text = try await clientConfig(context.parameters.require("id"))
            return WireGuardClientQRCodeResponse(qrcode: try Self.qrCode(of: text))
        }
    }

    /// A 422 when the config is too long for a QR code (hundreds of delegated prefixes or allowed IPs).
    private static func qrCode(of config: String) throws -> String {
        do {
            return try QRCode.pngDataURI(of: config)
        } catch let error as QRCodeError where error.code == .tooLong {
            throw APIError(.unprocessableContent, "CONFIG_TOO_LONG_FOR_QR_CODE",
                           "the client's config does not fit in a QR code: \(error.message)")
        }
    }

    /// A 400 for an id that is not a UUID and a 404 for an unknown one, as the client's own route answers.
    private func clientConfig(_ id: String) async throws -> String {
        let snapshot = try await head.current()
        let client = try snapshot.clients.item(id, kind: "WireGuard client")
        // A validated inventory names no missing server or node, so this always renders.
        let privateKey = client.publicKey.flatMap { secrets?.wireGuardPrivateKey(publicKey: $0) }
        guard let config = InventoryCompiler.clientConfig(named: client.name, in: snapshot.inventory,
                                                          privateKey: privateKey) else {
            throw APIError.notFound("WireGuard client '\(client.name)' has no server to connect to")
        }
        return config
    }
}
