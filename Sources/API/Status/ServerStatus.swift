/// What the status, system and monitoring routes look at: the served inventory, the user store, the node's BIRD
/// (when `wgc serve` was given its control socket), the state folder's disk, and the server's own metrics.
public struct ServerStatus: Sendable {
    public let version: String
    public let head: InventoryHead
    public let store: any APIStore
    /// BIRD's control socket; nil when none was configured.
    public let birdSocket: String?
    public let stateDirectory: String
    public let metrics: APIMetrics
    let host: HostProbe
    /// For health checks and monitoring: BIRD must answer within 2 s or counts as unavailable.
    let bird: LiveBIRD
    /// For `system/action reload`: a reconfiguration may take BIRD longer to acknowledge.
    let birdActions: LiveBIRD

    public init(head: InventoryHead, store: any APIStore, birdSocket: String?, stateDirectory: String,
                version: String = APIServer.version, metrics: APIMetrics = APIMetrics()) {
        self.version = version
        self.head = head
        self.store = store
        self.birdSocket = birdSocket
        self.stateDirectory = stateDirectory
        self.metrics = metrics
        host = HostProbe(diskPath: stateDirectory)
        bird = LiveBIRD(socketPath: birdSocket, timeout: .seconds(2))
        birdActions = LiveBIRD(socketPath: birdSocket, timeout: .seconds(10))
    }
}
