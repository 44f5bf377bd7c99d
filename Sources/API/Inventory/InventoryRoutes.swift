/// The read routes of the inventory's resources, answered from the compiled HEAD.
public enum InventoryRoutes {
    /// Every inventory resource's collection, for `APIServer.router(routes:isReady:)`.
    public static func all(head: InventoryHead) -> [any APIRoutes] {
        [BGPSessionRoutes(head: head), BGPAnnouncementRoutes(head: head), PoolRoutes(head: head),
         WireGuardServerRoutes(head: head), WireGuardClientRoutes(head: head), WireGuardClientConfigRoutes(head: head)]
    }
}
