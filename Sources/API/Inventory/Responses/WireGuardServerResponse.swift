import Compiler
import Foundation
import Hummingbird

/// A WireGuard interface of a node, as the reference lists it. The agent configures it over netlink, so there is
/// no `config_file_path` (null).
struct WireGuardServerResponse: ResponseEncodable, Sendable {
    var id: String
    var name: String
    var node: String
    @Nullable var description: String?
    var interface: String
    var listenPort: Int
    @Nullable var publicKey: String?
    @Nullable var ipv4Address: String?
    @Nullable var ipv6Address: String?
    var dnsServers: [String]
    var mtu: Int
    @Nullable var configFilePath: String?
    var isActive: Bool
    var createdAt: Date
    var updatedAt: Date

    init(_ server: WireGuardServer, _ context: ResponseContext) {
        id = server.id
        name = server.name
        node = server.node
        description = server.description
        interface = server.interface
        listenPort = server.listenPort
        publicKey = server.publicKey
        ipv4Address = server.ipv4Address?.description
        ipv6Address = server.ipv6Address?.description
        dnsServers = server.dnsServers.map(\.description)
        mtu = server.mtu
        configFilePath = nil
        isActive = server.isActive
        createdAt = context.times.created(server.origin)
        updatedAt = context.times.updated(server.origin)
    }
}
