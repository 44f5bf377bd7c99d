import WireGuard

/// What each WireGuard interface held when the agent last read it in full (a drift check or a verification).
/// Reading 5,000 peers costs wireguard-go about 30 ms, so an apply plans from this instead of reading again; the
/// verification that follows every apply reads the interface anew, and whatever changed by hand since is then
/// applied from that fresh read. Owned by one agent, used from one thread at a time.
final class WireGuardObservations {
    private var statuses: [String: WireGuardDeviceStatus] = [:]

    /// Records what `interface` was just read to hold.
    func record(_ status: WireGuardDeviceStatus, of interface: String) {
        statuses[interface] = status
    }

    /// The last status read of `interface`, forgotten as it is handed out: after an apply, only a new read says
    /// what the interface holds.
    func take(_ interface: String) -> WireGuardDeviceStatus? {
        statuses.removeValue(forKey: interface)
    }

    /// Drops what is known of `interface` (found missing, or about to be deleted).
    func forget(_ interface: String) {
        statuses[interface] = nil
    }
}
