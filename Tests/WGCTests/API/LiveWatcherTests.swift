@testable import API
import Compiler
import Testing

@Suite("WebSocket: what counts as a session's change")
struct LiveWatcherTests {
    @Test("the same state with another since is a change: the session dropped and came back between two looks")
    func sinceIsAChange() throws {
        var session = try #require(BGPSessionLive.unknown(TestInventory.check().inventory, reason: "not asked").first)
        session.status = "established"
        session.birdState = "up"
        session.reason = nil
        session.since = "08:02:16.459"
        var later = session
        #expect(SessionKey(later) == SessionKey(session))
        later.since = "08:02:34.358"
        #expect(SessionKey(later) != SessionKey(session))
        later = session
        later.status = "active"
        #expect(SessionKey(later) != SessionKey(session))
    }
}
