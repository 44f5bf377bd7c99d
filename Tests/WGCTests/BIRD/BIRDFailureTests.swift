import BIRD
import Foundation
import Testing

/// What the client says when nothing, or the wrong thing, answers on the socket. Needs no root: the
/// "BIRD" here is a socket this test listens on.
@Suite("BIRD connection failures")
struct BIRDFailureTests {
    /// A Unix socket that accepts connections and, when given `greeting`, writes it once to each; otherwise
    /// it stays silent, like a BIRD that hangs.
    final class FakeBIRD {
        let folder: TemporaryFolder
        let path: String
        private let fd: Int32
        private let accepted = Accepted()

        init(greeting: String? = nil) throws {
            folder = try TemporaryFolder()
            path = folder.path + "/bird.ctl"
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            try #require(bound == 0 && listen(fd, 8) == 0, "listening on \(path)")
            guard let greeting else { return }
            let listener = fd
            let accepted = accepted
            Thread.detachNewThread {
                // Ends when the listener is shut down and accept fails.
                while case let client = accept(listener, nil, nil), client >= 0 {
                    accepted.add(client)
                    _ = greeting.withCString { send(client, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
                }
            }
        }

        /// Stops listening but leaves the socket file, as a crashed BIRD does.
        func crash() {
            shutdown(fd, Int32(SHUT_RDWR))
        }

        deinit {
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
            accepted.closeAll()
        }

        private final class Accepted: @unchecked Sendable {
            private let lock = NSLock()
            private var descriptors: [Int32] = []

            func add(_ descriptor: Int32) { lock.withLock { descriptors.append(descriptor) } }
            func closeAll() { lock.withLock { descriptors.forEach { close($0) } } }
        }
    }

    @Test("a missing socket is reported as BIRD not running, naming the socket")
    func missingSocket() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/bird.ctl"
        #expect { try BIRDClient(socketPath: path).status() } throws: { error in
            let error = error as? BIRDError
            return error?.kind == .notRunning
                && error?.description == "BIRD is not running (no control socket at \(path))"
        }
    }

    @Test("a socket nobody listens on any more (BIRD crashed) is BIRD not running")
    func staleSocket() throws {
        let fake = try FakeBIRD()
        fake.crash()
        #expect { try BIRDClient(socketPath: fake.path, timeout: .seconds(2)).status() } throws: { error in
            (error as? BIRDError)?.kind == .notRunning
        }
    }

    @Test("a BIRD that never answers gives a timeout, not a hang")
    func silent() throws {
        let fake = try FakeBIRD()
        let started = ContinuousClock.now
        #expect { try BIRDClient(socketPath: fake.path, timeout: .milliseconds(300)).status() } throws: { error in
            (error as? BIRDError)?.kind == .timeout
        }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("a greeting that is not BIRD's is a protocol error")
    func wrongGreeting() throws {
        let fake = try FakeBIRD(greeting: "SSH-2.0-OpenSSH_9.2\r\n")
        #expect { try BIRDConnection(socketPath: fake.path, timeout: .seconds(2)) } throws: { error in
            (error as? BIRDError)?.kind == .protocolError
        }
    }

    @Test("a BIRD that greets and then falls silent times out on the command")
    func silentAfterGreeting() throws {
        let fake = try FakeBIRD(greeting: "0001 BIRD 2.0.12 ready.\n")
        let connection = try BIRDConnection(socketPath: fake.path, timeout: .milliseconds(300))
        #expect(connection.version == "2.0.12")
        #expect { try connection.send("show status") } throws: { error in
            let error = error as? BIRDError
            return error?.kind == .timeout && error?.command == "show status"
        }
    }
}
