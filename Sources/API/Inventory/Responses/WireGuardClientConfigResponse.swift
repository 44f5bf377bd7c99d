import Hummingbird

/// A client's wg-quick config as the reference answers it: `{"config": "…"}`.
struct WireGuardClientConfigResponse: ResponseEncodable, Sendable {
    var config: String
}

/// A client's wg-quick config as a QR code for the WireGuard app: `{"qrcode": "data:image/png;base64,…"}`.
struct WireGuardClientQRCodeResponse: ResponseEncodable, Sendable {
    var qrcode: String
}
