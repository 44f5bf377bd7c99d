/// What `show status` says: BIRD's version, router ID, clock and when it last started and reconfigured, and
/// its state message. Times are as BIRD prints them (its `timeformat base`, local time).
public struct BIRDStatus: Sendable, Equatable {
    public var version: String
    public var routerID: String
    public var hostname: String?
    public var serverTime: String
    public var lastReboot: String
    public var lastReconfiguration: String
    /// `Daemon is up and running`, `Reconfiguration in progress`, `Shutdown in progress`, …
    public var message: String

    public init(version: String, routerID: String, hostname: String? = nil, serverTime: String,
                lastReboot: String, lastReconfiguration: String, message: String) {
        self.version = version
        self.routerID = routerID
        self.hostname = hostname
        self.serverTime = serverTime
        self.lastReboot = lastReboot
        self.lastReconfiguration = lastReconfiguration
        self.message = message
    }

    /// True when BIRD is neither reconfiguring nor shutting down.
    public var isUpAndRunning: Bool { message == "Daemon is up and running" }

    /// Reads the reply to `show status`; nil when a line BIRD always prints is missing.
    init?(_ reply: BIRDReply) {
        guard reply.code == 13, let version = reply.texts(withCode: 1000).first else { return nil }
        let facts = reply.texts(withCode: 1011)
        func fact(_ prefix: String) -> String? {
            facts.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
        guard let routerID = fact("Router ID is "), let serverTime = fact("Current server time is "),
              let lastReboot = fact("Last reboot on "), let lastReconfiguration = fact("Last reconfiguration on ")
        else { return nil }
        self.init(version: version.hasPrefix("BIRD ") ? String(version.dropFirst(5)) : version,
                  routerID: routerID, hostname: fact("Hostname is "), serverTime: serverTime,
                  lastReboot: lastReboot, lastReconfiguration: lastReconfiguration, message: reply.message)
    }
}
