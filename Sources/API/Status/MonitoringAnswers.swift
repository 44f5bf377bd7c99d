import Compiler
import Foundation
import Hummingbird

/// `GET /monitoring/metrics`: the host from `/proc` and `statvfs(3)`. Memory and disk are in MiB (`unit`);
/// memory `free` is what new programs can still have (`MemAvailable`), disk `free` what an unprivileged writer can
/// still use, on the file system of the state folder. A figure that could not be read is null.
struct HostMetricsAnswer: ResponseEncodable, Sendable {
    var timestamp: String
    var metrics: Metrics

    struct Metrics: Encodable, Sendable {
        var cpu: CPU
        @Nullable var memory: Capacity?
        @Nullable var disk: Capacity?
        var network: Network
    }

    struct CPU: Encodable, Sendable {
        @Nullable var usage: Double?
        @Nullable var loadAvg: [Double]?
    }

    struct Capacity: Encodable, Sendable {
        var total: UInt64
        var used: UInt64
        var free: UInt64
        var usagePercent: Double
        var unit = "MiB"
        var path: String?
    }

    struct Network: Encodable, Sendable {
        var interfaces: [Interface]
    }

    struct Interface: Encodable, Sendable {
        var name: String
        var bytesSent: UInt64
        var bytesRecv: UInt64
        var packetsSent: UInt64
        var packetsRecv: UInt64
    }

    init(_ host: HostProbe) {
        let mebibyte: UInt64 = 1 << 20
        timestamp = APIClock.timestamp()
        let memory = host.memory.map { memory in
            Capacity(total: memory.total / mebibyte, used: memory.used / mebibyte, free: memory.available / mebibyte,
                     usagePercent: ResourceUsage.tenth(Double(memory.used) / Double(memory.total) * 100))
        }
        let disk = host.disk.map { disk in
            Capacity(total: disk.total / mebibyte, used: disk.used / mebibyte, free: disk.available / mebibyte,
                     usagePercent: ResourceUsage.tenth(disk.usagePercent), path: disk.path)
        }
        let interfaces = (host.networkDevices ?? []).map { device in
            Interface(name: device.name, bytesSent: device.bytesSent, bytesRecv: device.bytesReceived,
                      packetsSent: device.packetsSent, packetsRecv: device.packetsReceived)
        }
        metrics = Metrics(cpu: CPU(usage: host.cpuUsage.map(ResourceUsage.tenth), loadAvg: host.loadAverage),
                          memory: memory, disk: disk, network: Network(interfaces: interfaces))
    }
}

/// A pool's usage in the HEAD (`GET /monitoring/ipv6/pools`), counted as `PoolUsage` counts it: in blocks of the
/// pool's default length (`allocation_length`). `status` is `healthy` below 80 %, `warning` from 80 %, `critical`
/// from 95 %, `exhausted` when no block is free.
struct PoolStatusAnswer: Encodable, Sendable {
    var poolId: String
    var name: String
    var prefix: String
    var totalCapacity: UInt64
    var allocated: UInt64
    var allocationLength: Int
    var usagePercent: Double
    var status: String

    init(_ pool: PrefixPool, inventory: Inventory) {
        let usage = PoolUsage(pool: pool, inventory: inventory)
        poolId = pool.id
        name = pool.name
        prefix = pool.prefix.description
        totalCapacity = usage.capacity
        allocated = usage.used
        allocationLength = pool.maxPrefixLength
        usagePercent = usage.percent
        status = Self.status(used: usage.used, capacity: usage.capacity, percent: usage.percent)
    }

    static func status(used: UInt64, capacity: UInt64, percent: Double) -> String {
        if used >= capacity { return "exhausted" }
        if percent >= 95 { return "critical" }
        return percent >= 80 ? "warning" : "healthy"
    }
}
