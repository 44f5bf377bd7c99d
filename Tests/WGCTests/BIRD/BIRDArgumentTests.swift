import Testing
@testable import BIRD

/// Values become command words only when BIRD reads them as meant.
@Suite("BIRD command arguments")
struct BIRDArgumentTests {
    @Test("protocol names that are BIRD symbols pass", arguments: ["peer_b", "k6", "_x", "BGP_upstream_1"])
    func symbols(name: String) throws {
        #expect(try BIRDArgument.symbol(name, socketPath: "/s") == name)
    }

    @Test("names that are not BIRD symbols are refused before sending", arguments: [
        "", "6peer", "peer-b", "peer b", "all\nshow status", "\"peer\"", "pé",
    ])
    func notSymbols(name: String) {
        #expect { try BIRDArgument.symbol(name, socketPath: "/s") } throws: { error in
            (error as? BIRDError)?.kind == .invalidCommand
        }
    }

    @Test("file names are quoted; BIRD has no escape for a quote or a control character")
    func files() throws {
        #expect(try BIRDArgument.quotedFile("/etc/bird/my bird.conf", socketPath: "/s") == "\"/etc/bird/my bird.conf\"")
        for bad in ["", "/tmp/a\"b", "/tmp/a\nb", "/tmp/a\tb"] {
            #expect { try BIRDArgument.quotedFile(bad, socketPath: "/s") } throws: { error in
                (error as? BIRDError)?.kind == .invalidCommand
            }
        }
    }

    @Test("the not-running error names the socket")
    func notRunningMessage() {
        #expect(BIRDError.notRunning("/run/bird/bird.ctl").description
            == "BIRD is not running (no control socket at /run/bird/bird.ctl)")
    }
}
