import Compiler
import Netlink

/// Addresses, routes, MTU and link state of the WireGuard interfaces, through rtnetlink. Only what wgc put
/// there is ever removed: addresses it recorded adding, and routes carrying its route protocol (240).
struct NetworkStep {
    let netlink: RouteNetlink

    /// What differs from `target`, in words; empty when the links, addresses and routes match it.
    func differences(_ target: RouterConfiguration, state: AgentState) throws -> [String] {
        try plan(target, state: state).map(\.description)
    }

    /// Makes links, addresses and routes match `target`, recording the addresses wgc now manages in `state`.
    func apply(_ target: RouterConfiguration, state: inout AgentState) throws -> [String] {
        let actions = try plan(target, state: state)
        for action in actions {
            switch action {
            case .setLink(let name, let mtu, let up): try netlink.setLink(name, mtu: mtu, up: up)
            case .addAddress(let address, let interface): try netlink.addAddress(address, to: interface)
            case .removeAddress(let address, let interface): try netlink.deleteAddress(address, from: interface)
            case .addRoute(let prefix, let interface): try netlink.addRoute(prefix, interface: interface)
            case .removeRoute(let prefix, let interface): try netlink.deleteRoute(prefix, interface: interface)
            }
        }
        var managed: [String: [String]] = [:]
        for interface in target.interfaces where !interface.addresses.isEmpty {
            managed[interface.name] = interface.addresses.map(\.description)
        }
        state.managedAddresses = managed
        return actions.map(\.description)
    }

    enum Action: CustomStringConvertible {
        case setLink(String, mtu: Int?, up: Bool?)
        case addAddress(IPPrefix, String)
        case removeAddress(IPPrefix, String)
        case addRoute(IPPrefix, String)
        case removeRoute(IPPrefix, String)

        var description: String {
            switch self {
            case .setLink(let name, let mtu, let up):
                return "\(name): " + [mtu.map { "MTU \($0)" }, up == true ? "up" : nil].compactMap { $0 }
                    .joined(separator: ", ")
            case .addAddress(let address, let interface): return "\(interface): address \(address) added"
            case .removeAddress(let address, let interface): return "\(interface): address \(address) removed"
            case .addRoute(let prefix, let interface): return "\(interface): route \(prefix) added"
            case .removeRoute(let prefix, let interface): return "\(interface): route \(prefix) removed"
            }
        }
    }

    /// The actions that take the live interfaces to `target`, links first, then addresses, then routes.
    func plan(_ target: RouterConfiguration, state: AgentState) throws -> [Action] {
        var links: [Action] = []
        var addresses: [Action] = []
        var routes: [Action] = []
        let wanted = Set(target.interfaces.map(\.name))
        for interface in target.interfaces {
            guard let link = try netlink.link(named: interface.name) else { continue }  // made by the WireGuard step
            let mtu = link.mtu == interface.mtu ? nil : interface.mtu
            if mtu != nil || !link.isUp { links.append(.setLink(interface.name, mtu: mtu, up: link.isUp ? nil : true)) }
            let live = Set(try netlink.addresses(of: interface.name).map(\.description))
            for address in interface.addresses where !live.contains(address.description) {
                addresses.append(.addAddress(address, interface.name))
            }
            let desired = Set(interface.addresses.map(\.description))
            for old in state.managedAddresses[interface.name] ?? [] where !desired.contains(old) && live.contains(old) {
                if case .success(let prefix) = IPPrefix.parse(old) { addresses.append(.removeAddress(prefix, interface.name)) }
            }
        }
        for (interface, old) in state.managedAddresses where !wanted.contains(interface) {
            guard try netlink.link(named: interface) != nil else { continue }
            let live = Set(try netlink.addresses(of: interface).map(\.description))
            for text in old where live.contains(text) {
                if case .success(let prefix) = IPPrefix.parse(text) { addresses.append(.removeAddress(prefix, interface)) }
            }
        }
        let ours = try netlink.routes().filter { $0.protocol == RouteNetlink.wgcProtocol }
        let present = Set(ours.map { "\($0.destination.network) \($0.interfaceName ?? "")" })
        var desired = Set<String>()
        for interface in target.interfaces {
            for prefix in interface.routes {
                let key = "\(prefix.network) \(interface.name)"
                desired.insert(key)
                if !present.contains(key) { routes.append(.addRoute(prefix, interface.name)) }
            }
        }
        for route in ours where !desired.contains("\(route.destination.network) \(route.interfaceName ?? "")") {
            routes.append(.removeRoute(route.destination, route.interfaceName ?? ""))
        }
        return links + addresses + routes
    }
}
