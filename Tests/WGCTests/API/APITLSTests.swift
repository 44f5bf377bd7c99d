import Foundation
import Testing

/// `wgc serve --tls-cert --tls-key`: HTTPS with the operator's certificate, refused files named.
@Suite("API over TLS")
struct APITLSTests {
    /// A self-signed certificate for 127.0.0.1 and its key, in `folder`.
    static func makeCertificate(in folder: String) throws -> (certificate: String, key: String) {
        let certificate = folder + "/cert.pem", key = folder + "/key.pem"
        let made = try Programs.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                     "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=wgc-test",
                                     "-addext", "subjectAltName=IP:127.0.0.1"])
        #expect(made.status == 0, "\(made.combined)")
        return (certificate, key)
    }

    @Test("serves HTTPS with the given certificate; plain HTTP gets no answer")
    func servesHTTPS() throws {
        let state = APIServeCommandTests.stateDirectory()
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (certificate, key) = try Self.makeCertificate(in: state)
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        _ = try workspace.commitAll("example")
        let port = try Loopback.freePort()
        let log = state + "/serve.log"
        var environment = ProcessInfo.processInfo.environment.merging(APIServeCommandTests.noAdmin) { $1 }
        environment["WGC_ADMIN_USERNAME"] = "admin"
        environment["WGC_ADMIN_PASSWORD"] = "a long enough password"
        let pid = try Programs.spawn([APIServeCommandTests.wgc, "serve", "--repo", workspace.path, "--inventory", "inventory",
                                      "--state-dir", state + "/api", "--listen", "127.0.0.1:\(port)",
                                      "--tls-cert", certificate, "--tls-key", key],
                                     stdout: log, stderr: log, environment: environment)
        defer { Programs.stop(pid) }
        try Loopback.waitUntilListening(port: port, pid: pid, log: log)
        let secure = try Programs.run(["curl", "-sS", "--max-time", "10", "--cacert", certificate,
                                       "https://127.0.0.1:\(port)/api/v1/status/health"])
        #expect(secure.status == 0, "\(secure.combined)")
        #expect(secure.stdout.contains("healthy"), "\(secure.stdout)")
        let plain = try Programs.run(["curl", "-sS", "--max-time", "5", "http://127.0.0.1:\(port)/api/v1/status/health"])
        #expect(plain.status != 0 || !plain.stdout.contains("healthy"))
    }

    @Test("a key that is not a key, or a certificate without its key, is refused before anything listens")
    func refusesBadFiles() throws {
        let state = APIServeCommandTests.stateDirectory()
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let (certificate, _) = try Self.makeCertificate(in: state)
        try "not a key\n".write(toFile: state + "/broken.pem", atomically: true, encoding: .utf8)
        let workspace = try GitWorkspace()
        try workspace.copy(Repository.example, to: "inventory")
        _ = try workspace.commitAll("example")
        var environment = ProcessInfo.processInfo.environment.merging(APIServeCommandTests.noAdmin) { $1 }
        environment["WGC_ADMIN_USERNAME"] = "admin"
        environment["WGC_ADMIN_PASSWORD"] = "a long enough password"
        let arguments = [APIServeCommandTests.wgc, "serve", "--repo", workspace.path, "--inventory", "inventory",
                         "--state-dir", state + "/api", "--listen", "127.0.0.1:\(try Loopback.freePort())"]
        let broken = try Programs.run(arguments + ["--tls-cert", certificate, "--tls-key", state + "/broken.pem"],
                                      timeout: 30, environment: environment)
        #expect(broken.status == 2, "\(broken.combined)")
        #expect(broken.combined.contains("broken.pem"))
        let alone = try Programs.run(arguments + ["--tls-cert", certificate], environment: environment)
        #expect(alone.status != 0)
        #expect(alone.combined.contains("--tls-key"))
    }
}
