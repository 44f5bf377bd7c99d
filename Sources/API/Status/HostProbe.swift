import Foundation
import Synchronization

/// Reads the host and this process as they are now: `/proc`, `uname(2)`, `statvfs(3)` of the state folder,
/// `getifaddrs(3)`. A figure that cannot be read is nil, never a guess.
final class HostProbe: Sendable {
    /// The folder whose file system's free space counts (the state folder: the users database, secrets).
    let diskPath: String
    private let cpu = Mutex<CPUSample?>(nil)
    private let usage = Mutex<(at: ContinuousClock.Instant, usage: ResourceUsage)?>(nil)

    /// How long a CPU reading serves as the base of the next usage figure before a newer one replaces it.
    static let cpuWindow: Duration = .seconds(1)

    private struct CPUSample {
        var times: ProcFiles.CPUTimes
        var at: ContinuousClock.Instant
        /// The reading before `times`, at least `cpuWindow` older.
        var base: ProcFiles.CPUTimes?
    }

    init(diskPath: String) {
        self.diskPath = diskPath
    }

    /// CPU, memory and disk usage read at most `maxAge` ago: what `status/metrics` answers, so that a client
    /// polling it often costs the server no more than one reading a second.
    func recentUsage(maxAge: Duration = .seconds(1)) -> ResourceUsage {
        let now = ContinuousClock.now
        if let cached = usage.withLock({ $0 }), now - cached.at < maxAge { return cached.usage }
        let fresh = ResourceUsage(self)
        usage.withLock { $0 = (now, fresh) }
        return fresh
    }

    static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }

    var hostUptime: Double? { Self.read("/proc/uptime").flatMap(ProcFiles.uptime) }
    var loadAverage: [Double]? { Self.read("/proc/loadavg").flatMap(ProcFiles.loadAverage) }
    var memory: ProcFiles.Memory? { Self.read("/proc/meminfo").flatMap(ProcFiles.memory) }
    var networkDevices: [ProcFiles.InterfaceCounters]? { Self.read("/proc/net/dev").flatMap(ProcFiles.networkDevices) }
    var operatingSystem: String? { Self.read("/etc/os-release").flatMap(ProcFiles.operatingSystem) }

    /// The busy share of all cores, in percent, over the last second or so: between the newest reading of
    /// `/proc/stat` and one at least `cpuWindow` older. The first call has no older reading and answers the
    /// average since boot.
    var cpuUsage: Double? {
        guard let times = Self.read("/proc/stat").flatMap(ProcFiles.cpuTimes) else { return nil }
        let now = ContinuousClock.now
        return cpu.withLock { sample -> Double? in
            guard var current = sample else {
                sample = CPUSample(times: times, at: now, base: nil)
                return times.usage(since: ProcFiles.CPUTimes(busy: 0, total: 0))
            }
            if now - current.at >= Self.cpuWindow {
                current = CPUSample(times: times, at: now, base: current.times)
                sample = current
            }
            guard let base = current.base else { return times.usage(since: ProcFiles.CPUTimes(busy: 0, total: 0)) }
            return times.usage(since: base)
        }
    }

    /// This process: resident memory, threads, open file descriptors and how long it has run.
    var process: ProcessReading? {
        guard let figures = Self.read("/proc/self/status").flatMap(ProcFiles.process) else { return nil }
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")).map { $0.count }
        var uptime: Double?
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        if let start = Self.read("/proc/self/stat").flatMap(ProcFiles.processStartTicks), let host = hostUptime,
           ticks > 0 {
            uptime = max(0, host - Double(start) / Double(ticks))
        }
        return ProcessReading(pid: Int(getpid()), residentBytes: figures.residentBytes, threads: figures.threads,
                              openFileDescriptors: descriptors, uptime: uptime)
    }

    /// The file system holding `diskPath`, as `df` counts it: `available` is what an unprivileged writer may
    /// still use, and the usage percentage is `used / (used + available)`.
    var disk: DiskReading? {
        var stats = statvfs()
        guard statvfs(diskPath, &stats) == 0, stats.f_blocks > 0 else { return nil }
        let block = UInt64(stats.f_frsize)
        return DiskReading(path: diskPath, total: UInt64(stats.f_blocks) * block,
                           used: UInt64(stats.f_blocks - stats.f_bfree) * block,
                           available: UInt64(stats.f_bavail) * block)
    }

    /// `uname(2)`: the kernel's name, release and machine, and the host name.
    var kernel: KernelIdentity? {
        var names = utsname()
        guard uname(&names) == 0 else { return nil }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return KernelIdentity(hostname: text(names.nodename), system: text(names.sysname),
                              release: text(names.release), machine: text(names.machine))
    }

    /// Each interface with its addresses (prefix length included), from `getifaddrs(3)`, in the order first met.
    var interfaceAddresses: [InterfaceAddresses] {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var interfaces: [InterfaceAddresses] = []
        var cursor = first
        while let entry = cursor?.pointee {
            defer { cursor = entry.ifa_next }
            guard let address = entry.ifa_addr, let name = entry.ifa_name.map({ String(cString: $0) }) else { continue }
            let family = Int32(address.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6,
                  let text = Self.numericHost(address, family: family) else { continue }
            let length = entry.ifa_netmask.flatMap { Self.prefixLength($0, family: family) }
            let written = length.map { "\(text)/\($0)" } ?? text
            if let index = interfaces.firstIndex(where: { $0.name == name }) {
                interfaces[index].add(written, family: family)
            } else {
                var added = InterfaceAddresses(name: name)
                added.add(written, family: family)
                interfaces.append(added)
            }
        }
        return interfaces
    }

    private static func numericHost(_ address: UnsafeMutablePointer<sockaddr>, family: Int32) -> String? {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let length = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        // A link-local IPv6 address comes with its zone (`fe80::1%eth0`); the interface is named beside it.
        let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(text.prefix { $0 != "%" })
    }

    private static func prefixLength(_ mask: UnsafeMutablePointer<sockaddr>, family: Int32) -> Int? {
        if family == AF_INET {
            return mask.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                $0.pointee.sin_addr.s_addr.nonzeroBitCount
            }
        }
        return mask.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
            withUnsafeBytes(of: pointer.pointee.sin6_addr) { bytes in bytes.reduce(0) { $0 + $1.nonzeroBitCount } }
        }
    }
}

/// This process as `/proc/self` describes it.
struct ProcessReading: Sendable {
    var pid: Int
    var residentBytes: UInt64
    var threads: Int
    var openFileDescriptors: Int?
    /// Seconds since the process started.
    var uptime: Double?
}

/// A file system's size and use, in bytes.
struct DiskReading: Sendable {
    var path: String
    var total: UInt64
    var used: UInt64
    var available: UInt64

    var usagePercent: Double {
        used + available == 0 ? 0 : Double(used) / Double(used + available) * 100
    }
}

/// What `uname(2)` says of the host.
struct KernelIdentity: Sendable {
    var hostname: String
    var system: String
    var release: String
    var machine: String
}

/// A network interface's addresses, each with its prefix length.
struct InterfaceAddresses: Sendable {
    var name: String
    var ipv4: [String] = []
    var ipv6: [String] = []

    mutating func add(_ address: String, family: Int32) {
        if family == AF_INET { ipv4.append(address) } else { ipv6.append(address) }
    }
}
