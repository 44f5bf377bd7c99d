/// The routes of the inventory's resources, answered from the compiled HEAD.
public enum InventoryRoutes {
    /// Every inventory resource's collection, for `APIServer.router(routes:isReady:)`. The BGP session actions
    /// act on the BIRD listening on `birdSocket`; without one they answer 503.
    public static func all(head: InventoryHead, birdSocket: String? = nil) -> [any APIRoutes] {
        [BGPSessionRoutes(head: head), BGPSessionActionRoutes(head: head, bird: LiveBIRD(socketPath: birdSocket)),
         BGPAnnouncementRoutes(head: head), PoolRoutes(head: head), PoolActionRoutes(head: head),
         WireGuardServerRoutes(head: head),
         WireGuardClientRoutes(head: head)]
    }
}
