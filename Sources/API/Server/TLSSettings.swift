import NIOSSL

/// The server side of HTTPS: a certificate chain and its key from PEM files, TLS 1.2 at least.
public enum TLSSettings {
    /// Why the certificate or key cannot be used, naming the file.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static func server(certificate: String, key: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificate)
        } catch {
            throw Failure(description: "\(certificate): not a readable PEM certificate chain (\(error))")
        }
        guard !chain.isEmpty else { throw Failure(description: "\(certificate): holds no certificate") }
        let privateKey: NIOSSLPrivateKey
        do {
            privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        } catch {
            throw Failure(description: "\(key): not a readable PEM private key (\(error))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(privateKey))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
