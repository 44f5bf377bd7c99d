/// Who installed a route (`rtm_protocol`, the `proto` of `ip route`): the kernel, a routing daemon, an
/// administrator, or wgc. Numbers are iproute2's (`/etc/iproute2/rt_protos`).
public struct RouteProtocol: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Routes the kernel derives from addresses (`proto kernel`).
    public static let kernel = RouteProtocol(rawValue: 2)
    /// `ip route add` without `proto` (`proto boot`).
    public static let boot = RouteProtocol(rawValue: 3)
    /// `proto static`.
    public static let `static` = RouteProtocol(rawValue: 4)
    /// IPv6 routes learned from router advertisements (`proto ra`).
    public static let routerAdvertisement = RouteProtocol(rawValue: 9)
    /// Routes BIRD exports to the kernel (`proto bird`).
    public static let bird = RouteProtocol(rawValue: 12)
    /// Routes wgc's agent installs. 240 is outside iproute2's reserved list and below the 250s some distributions
    /// use; the agent deletes only routes carrying it, so hand-made and daemon routes are never touched.
    public static let wgc = RouteProtocol(rawValue: 240)

    public var description: String {
        switch self {
        case .kernel: "kernel"
        case .boot: "boot"
        case .static: "static"
        case .routerAdvertisement: "ra"
        case .bird: "bird"
        case .wgc: "wgc"
        default: String(rawValue)
        }
    }
}
