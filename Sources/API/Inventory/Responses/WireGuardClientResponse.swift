import Compiler
import Foundation
import Hummingbird

/// A WireGuard client as the reference lists it, with the prefixes delegated to it (its allocations, in the
/// order its config lists them), which it routes on its LAN. `allowed_ips` is null when the inventory leaves the
/// default to the server.
struct WireGuardClientResponse: ResponseEncodable, Sendable {
    var id: String
    @Nullable var serverId: String?
    var server: String
    var name: String
    @Nullable var description: String?
    @Nullable var publicKey: String?
    @Nullable var ipv4Address: String?
    @Nullable var ipv6Address: String?
    @Nullable var allowedIps: [String]?
    var delegatedPrefixes: [String]
    @Nullable var persistentKeepalive: Int?
    @Nullable var dnsServers: [String]?
    @Nullable var mtu: Int?
    var isActive: Bool
    var createdAt: Date
    var updatedAt: Date

    init(_ client: WireGuardClient, _ context: ResponseContext) {
        id = client.id
        serverId = context.serverID(client.server)
        server = client.server
        name = client.name
        description = client.description
        publicKey = client.publicKey
        ipv4Address = client.ipv4Address?.description
        ipv6Address = client.ipv6Address?.description
        allowedIps = client.allowedIPs?.map(\.description)
        delegatedPrefixes = context.delegations(of: client.name).map(\.prefix).sorted().map(\.description)
        persistentKeepalive = client.persistentKeepalive
        dnsServers = client.dnsServers?.map(\.description)
        mtu = client.mtu
        isActive = client.isActive
        createdAt = context.times.created(client.origin)
        updatedAt = context.times.updated(client.origin)
    }
}
