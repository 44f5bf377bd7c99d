/// What in a node's plan interrupts service when applied, and why. Every rule of what counts as disruptive
/// is here.
extension NodeComparison {
    func findDisruptions() -> [Disruption] {
        var found: [Disruption] = []
        let node = plan.name
        func add(_ code: Disruption.Code, _ kind: PlanObject.Kind, _ name: String, _ message: String) {
            found.append(Disruption(code: code, node: node, object: PlanObject(kind, name), message: message))
        }
        if plan.change == .removed, let old = before {
            add(.nodeRemoved, .node, node, "the node is removed: its \(count(old.sessions.count, "BGP session")) "
                    + "drop, its \(count(old.clients.count, "WireGuard client")) lose their tunnels and its "
                    + "\(count(old.allocations.count, "allocation")) are released")
            return found
        }
        if let asn = plan.fields.first(where: { $0.field == "asn" }), plan.change == .changed {
            add(.nodeASNChanged, .node, node, "local AS \(asn.before ?? "") → \(asn.after ?? ""): every BGP session "
                    + "of the node (\(before?.sessions.count ?? 0)) restarts")
        }
        if let endpoint = plan.fields.first(where: { $0.field == "endpoint" }), plan.change == .changed {
            add(.endpointChanged, .node, node, "endpoint \(endpoint.before ?? "") → \(endpoint.after ?? ""): "
                    + "\(count(before?.clients.count ?? 0, "client")) dial the old endpoint until their configs "
                    + "are updated")
        }
        for interface in plan.interfaces { findDisruptions(interface, add) }
        for peer in plan.peers where peer.change == .changed {
            if let key = peer.fields.first(where: { $0.field == "public_key" }), key.before != nil {
                add(.peerKeyChanged, .wireGuardPeer, peer.client, "public key changed: the server accepts only the "
                        + "new key, so \(peer.client) is cut off until its device uses the matching private key")
            }
            if let server = peer.fields.first(where: { $0.field == "server" }) {
                add(.peerMoved, .wireGuardPeer, peer.client, "moves from server \(server.before ?? "") to "
                        + "\(server.after ?? ""): \(peer.client) is cut off until its device has its new config")
            }
        }
        for session in plan.sessions { findDisruptions(session, add) }
        for allocation in plan.allocations { findDisruptions(allocation, add) }
        for lan in plan.lanInterfaces {
            let prefix = lan.fields.first { $0.field == "prefix" }
            if lan.change == .removed {
                add(.lanRemoved, .lanInterface, lan.interface, "no longer advertised: hosts on \(lan.interface) "
                        + "lose their addresses in \(prefix?.before ?? "its prefix")")
            } else if lan.change == .changed, let prefix {
                add(.lanPrefixChanged, .lanInterface, lan.interface, "prefix \(prefix.before ?? "") → "
                        + "\(prefix.after ?? ""): every host on \(lan.interface) renumbers")
            }
        }
        return found
    }

    private func findDisruptions(_ interface: InterfaceChange,
                                 _ add: (Disruption.Code, PlanObject.Kind, String, String) -> Void) {
        let clients = before?.clients.filter { $0.server == interface.server && $0.isActive }.count ?? 0
        let name = interface.interface
        let active = interface.fields.first { $0.field == "is_active" }
        if interface.change == .removed || active?.after == "false" {
            let what = interface.change == .removed ? "removed" : "deactivated"
            add(.interfaceRemoved, .wireGuardInterface, name, "\(what) (server \(interface.server)): its "
                    + "\(count(clients, "client")) lose their tunnels")
            return
        }
        guard interface.change == .changed else { return }
        if let port = interface.fields.first(where: { $0.field == "listen_port" }) {
            add(.interfacePortChanged, .wireGuardInterface, name, "listen port \(port.before ?? "") → "
                    + "\(port.after ?? ""): its \(count(clients, "client")) reconnect, and cannot until their configs "
                    + "have the new port")
        }
        if interface.fields.contains(where: { $0.field == "public_key" }) {
            add(.interfaceKeyChanged, .wireGuardInterface, name, "public key changed: its \(count(clients, "client")) "
                    + "are cut off until their configs have the new key")
        }
    }

    private func findDisruptions(_ session: SessionChange,
                                 _ add: (Disruption.Code, PlanObject.Kind, String, String) -> Void) {
        let name = session.name
        if session.change == .removed {
            let neighbor = sessionPeer(before?.sessions.first { $0.name == name })
            add(.sessionRemoved, .bgpSession, name, "removed: the session with \(neighbor) goes down and every route "
                    + "learned from it or announced to it is withdrawn")
            return
        }
        guard session.change == .changed else { return }
        if let neighbor = session.fields.first(where: { $0.field == "neighbor" }) {
            add(.sessionNeighborChanged, .bgpSession, name, "neighbor \(neighbor.before ?? "") → "
                    + "\(neighbor.after ?? ""): the session with the old neighbor goes down; a new one has to be "
                    + "established")
        }
        if let remote = session.fields.first(where: { $0.field == "remote_as" }) {
            add(.sessionRemoteASChanged, .bgpSession, name, "remote AS \(remote.before ?? "") → "
                    + "\(remote.after ?? ""): the session drops and stays down until the neighbor speaks as "
                    + "AS\(remote.after ?? "")")
        }
        if let enabled = session.fields.first(where: { $0.field == "enabled" }), enabled.after == "false" {
            add(.sessionDisabled, .bgpSession, name, "disabled: the session goes down and its routes are withdrawn")
        }
    }

    private func findDisruptions(_ allocation: AllocationChange,
                                 _ add: (Disruption.Code, PlanObject.Kind, String, String) -> Void) {
        switch allocation.change {
        case .released:
            add(.allocationReleased, .allocation, allocation.prefix, "released from \(allocation.client) "
                    + "(pool \(allocation.pool)): \(allocation.client) loses these addresses")
        case .moved:
            let previous = allocation.fields.first { $0.field == "prefix" }?.before ?? ""
            add(.allocationMoved, .allocation, allocation.prefix, "\(allocation.client)'s \(previous) moves to "
                    + "\(allocation.prefix): \(allocation.client) loses \(previous) and has to renumber")
        case .changed:
            if let client = allocation.fields.first(where: { $0.field == "client" }) {
                add(.allocationReassigned, .allocation, allocation.prefix, "moves from \(client.before ?? "") to "
                        + "\(client.after ?? ""): \(client.before ?? "") loses these addresses")
            }
        case .added:
            break
        }
    }

    private func sessionPeer(_ session: BGPSession?) -> String {
        guard let session else { return "the neighbor" }
        return "\(session.neighbor) (AS\(session.remoteAS))"
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
