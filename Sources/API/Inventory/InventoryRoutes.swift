/// The routes of the inventory's resources, answered from the compiled HEAD.
public enum InventoryRoutes {
    /// Every inventory resource's collection, for `APIServer.router(routes:isReady:)`. The BGP session actions
    /// act on the BIRD listening on `birdSocket`; without one they answer 503.
    /// `secrets` keeps the keys the server makes and the BGP passwords it is given; without it, a WireGuard peer
    /// must come with its public key and sessions take no password. `live`, when given, is told of every pool
    /// commit (for its WebSocket subscribers).
    public static func all(head: InventoryHead, birdSocket: String? = nil, secrets: SecretStore? = nil,
                           live: LiveUpdates? = nil) -> [any APIRoutes] {
        [BGPSessionRoutes(head: head, secrets: secrets),
         BGPSessionActionRoutes(head: head, bird: LiveBIRD(socketPath: birdSocket)),
         BGPAnnouncementRoutes(head: head), PoolRoutes(head: head), PoolActionRoutes(head: head, live: live),
         WireGuardServerRoutes(head: head, secrets: secrets), WireGuardClientRoutes(head: head, secrets: secrets),
         WireGuardClientConfigRoutes(head: head, secrets: secrets)]
    }
}
