import Foundation

/// Readers of the Linux `/proc` files the status and monitoring answers come from. Each takes the file's text and
/// returns nil when a line it needs is missing or malformed, so that an answer never holds a made-up figure.
enum ProcFiles {
    /// `/proc/uptime`: seconds since the host booted (the first number).
    static func uptime(_ text: String) -> Double? {
        text.split(whereSeparator: \.isWhitespace).first.flatMap { Double($0) }
    }

    /// `/proc/loadavg`: the 1, 5 and 15 minute load averages.
    static func loadAverage(_ text: String) -> [Double]? {
        let numbers = text.split(whereSeparator: \.isWhitespace).prefix(3).compactMap { Double($0) }
        return numbers.count == 3 ? numbers : nil
    }

    /// `/proc/meminfo`: `MemTotal`, `MemAvailable` and `MemFree`, in bytes.
    static func memory(_ text: String) -> Memory? {
        let fields = kilobyteFields(text)
        guard let total = fields["MemTotal"], let available = fields["MemAvailable"], let free = fields["MemFree"],
              total > 0, available <= total else { return nil }
        return Memory(total: total, available: available, free: free)
    }

    /// `/proc/stat`: the aggregate `cpu` line's busy and total time (in clock ticks since boot). Idle time is
    /// `idle` plus `iowait`; guest time is already counted in `user` and `nice`, so it is not added again.
    static func cpuTimes(_ text: String) -> CPUTimes? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard ticks.count >= 5 else { return nil }
        let total = ticks.prefix(8).reduce(0, +)
        let idle = ticks[3] + ticks[4]
        return CPUTimes(busy: total - idle, total: total)
    }

    /// `/proc/self/status`: the process's resident memory (`VmRSS`, bytes) and thread count (`Threads`).
    static func process(_ text: String) -> ProcessFigures? {
        let fields = kilobyteFields(text)
        guard let rss = fields["VmRSS"],
              let threadsLine = text.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") }),
              let threads = Int(threadsLine.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces))
        else { return nil }
        return ProcessFigures(residentBytes: rss, threads: threads)
    }

    /// `/proc/self/stat`: when the process started, in clock ticks after boot (field 22). The command name in
    /// field 2 may hold spaces and parentheses, so fields are counted after its last `)`.
    static func processStartTicks(_ text: String) -> UInt64? {
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name come field 3 (state) onwards: field 22 is the 20th of them.
        guard fields.count >= 20 else { return nil }
        return UInt64(fields[19])
    }

    /// `/proc/net/dev`: each interface's received and sent bytes and packets, in the file's order.
    static func networkDevices(_ text: String) -> [InterfaceCounters]? {
        var devices: [InterfaceCounters] = []
        for line in text.split(separator: "\n").dropFirst(2) {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let numbers = line[line.index(after: colon)...].split(separator: " ").compactMap { UInt64($0) }
            guard !name.isEmpty, numbers.count >= 16 else { return nil }
            devices.append(InterfaceCounters(name: name, bytesReceived: numbers[0], packetsReceived: numbers[1],
                                             bytesSent: numbers[8], packetsSent: numbers[9]))
        }
        return devices
    }

    /// `/etc/os-release`: `PRETTY_NAME`, else `NAME` and `VERSION`, without quotes.
    static func operatingSystem(_ text: String) -> String? {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = line[line.index(after: equals)...]
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            values[String(line[..<equals])] = String(value)
        }
        if let pretty = values["PRETTY_NAME"], !pretty.isEmpty { return pretty }
        guard let name = values["NAME"] else { return nil }
        return [name, values["VERSION"]].compactMap { $0 }.joined(separator: " ")
    }

    /// `Key:   1234 kB` lines, in bytes.
    private static func kilobyteFields(_ text: String) -> [String: UInt64] {
        var fields: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let words = line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace)
            guard words.count == 2, words[1] == "kB", let kilobytes = UInt64(words[0]) else { continue }
            fields[String(line[..<colon])] = kilobytes * 1024
        }
        return fields
    }

    /// The host's memory, in bytes. `used` is what `free` calls used: what is not available to new programs.
    struct Memory: Sendable, Equatable {
        var total: UInt64
        var available: UInt64
        var free: UInt64
        var used: UInt64 { total - available }
    }

    /// Cumulative CPU time of all cores, in clock ticks.
    struct CPUTimes: Sendable, Equatable {
        var busy: UInt64
        var total: UInt64

        /// The busy share, in percent, of the time between `earlier` and this reading; nil when no time passed.
        func usage(since earlier: CPUTimes) -> Double? {
            guard total > earlier.total, busy >= earlier.busy else { return nil }
            return Double(busy - earlier.busy) / Double(total - earlier.total) * 100
        }
    }

    /// This process's resident memory (bytes) and thread count.
    struct ProcessFigures: Sendable, Equatable {
        var residentBytes: UInt64
        var threads: Int
    }

    /// One interface's traffic since it came up.
    struct InterfaceCounters: Sendable, Equatable {
        var name: String
        var bytesReceived: UInt64
        var packetsReceived: UInt64
        var bytesSent: UInt64
        var packetsSent: UInt64
    }
}
