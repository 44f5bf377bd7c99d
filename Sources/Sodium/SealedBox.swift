import CSodium

extension Sodium {
    /// Seals `message` for the holder of the X25519 private key of `publicKey` (libsodium's sealed box: an
    /// ephemeral key pair, so the sender cannot open it again). Nil when `publicKey` is not 32 bytes.
    public static func seal(_ message: [UInt8], to publicKey: [UInt8]) -> [UInt8]? {
        precondition(initialised, "libsodium failed to initialise")
        guard publicKey.count == Int(crypto_box_PUBLICKEYBYTES) else { return nil }
        var box = [UInt8](repeating: 0, count: message.count + Int(crypto_box_sealbytes()))
        guard crypto_box_seal(&box, message, UInt64(message.count), publicKey) == 0 else { return nil }
        return box
    }

    /// Opens a sealed box with the recipient's key pair; nil when it was not sealed for them or was altered.
    public static func openSealed(_ box: [UInt8], publicKey: [UInt8], privateKey: [UInt8]) -> [UInt8]? {
        precondition(initialised, "libsodium failed to initialise")
        guard box.count >= Int(crypto_box_sealbytes()), publicKey.count == Int(crypto_box_PUBLICKEYBYTES),
              privateKey.count == Int(crypto_box_SECRETKEYBYTES) else { return nil }
        var message = [UInt8](repeating: 0, count: box.count - Int(crypto_box_sealbytes()))
        guard crypto_box_seal_open(&message, box, UInt64(box.count), publicKey, privateKey) == 0 else { return nil }
        return message
    }
}
