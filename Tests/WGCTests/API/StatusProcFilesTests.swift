@testable import API
import Foundation
import Testing

@Suite("Status: /proc readers on fixed text")
struct StatusProcFilesTests {
    static let meminfo = """
        MemTotal:       24579100 kB
        MemFree:         1234560 kB
        MemAvailable:   12289550 kB
        Buffers:          123456 kB
        """

    @Test("meminfo: total, available and free in bytes; used is what is not available")
    func memory() throws {
        let memory = try #require(ProcFiles.memory(Self.meminfo))
        #expect(memory.total == 24_579_100 * 1024)
        #expect(memory.available == 12_289_550 * 1024)
        #expect(memory.free == 1_234_560 * 1024)
        #expect(memory.used == (24_579_100 - 12_289_550) * 1024)
    }

    @Test("meminfo without MemAvailable, or with a malformed total, reads as nothing rather than a guess",
          arguments: ["MemTotal: 100 kB\nMemFree: 50 kB\n",
                      "MemTotal: lots kB\nMemFree: 1 kB\nMemAvailable: 1 kB\n", ""])
    func memoryIncomplete(text: String) {
        #expect(ProcFiles.memory(text) == nil)
    }

    @Test("stat: busy and total ticks of the cpu line (idle and iowait are idle; guest is not added twice)")
    func cpu() throws {
        let text = """
            cpu  3967594 0 624683 2052473 29852 0 6370 24818 1000 0
            cpu0 1943468 0 286711 1100739 7747 0 1427 12317 0 0
            intr 1 2 3
            """
        let times = try #require(ProcFiles.cpuTimes(text))
        let total: UInt64 = 3_967_594 + 624_683 + 2_052_473 + 29_852 + 6_370 + 24_818
        #expect(times.total == total)
        #expect(times.busy == total - 2_052_473 - 29_852)
        let later = ProcFiles.CPUTimes(busy: times.busy + 30, total: times.total + 120)
        #expect(later.usage(since: times) == 25)
        #expect(times.usage(since: times) == nil, "no time passed: no usage figure")
        #expect(ProcFiles.cpuTimes("cpu0 1 2 3 4 5\n") == nil)
    }

    @Test("loadavg and uptime")
    func loadAndUptime() {
        #expect(ProcFiles.loadAverage("2.84 2.48 2.44 1/85 30752\n") == [2.84, 2.48, 2.44])
        #expect(ProcFiles.loadAverage("2.84 x\n") == nil)
        #expect(ProcFiles.uptime("33586.38 20524.73\n") == 33586.38)
        #expect(ProcFiles.uptime("") == nil)
    }

    @Test("self/status: resident memory in bytes and threads")
    func process() throws {
        let text = "Name:\twgc\nVmRSS:\t   51644 kB\nRssAnon:\t 116 kB\nThreads:\t7\n"
        let figures = try #require(ProcFiles.process(text))
        #expect(figures.residentBytes == 51_644 * 1024)
        #expect(figures.threads == 7)
        #expect(ProcFiles.process("Name:\twgc\nThreads:\t7\n") == nil)
    }

    @Test("self/stat: the start time is field 22, counted after a command name holding spaces and parentheses")
    func startTime() {
        let text = "30754 (my (odd) cmd) R 30747 30747 28049 0 -1 4194304 99 0 0 0 0 0 0 0 20 0 1 0 3358638 3133440 382"
        #expect(ProcFiles.processStartTicks(text) == 3_358_638)
        #expect(ProcFiles.processStartTicks("30754 (cat) R 1 2") == nil)
    }

    @Test("net/dev: bytes and packets each way, per interface")
    func network() throws {
        let text = """
            Inter-|   Receive                                                |  Transmit
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                lo: 455358820  563389    0    0    0     0          0         0 455358821  563390    0    0    0     0       0          0
              eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0
            """
        let devices = try #require(ProcFiles.networkDevices(text))
        #expect(devices.map(\.name) == ["lo", "eth0"])
        #expect(devices[0] == ProcFiles.InterfaceCounters(name: "lo", bytesReceived: 455_358_820,
                                                          packetsReceived: 563_389, bytesSent: 455_358_821,
                                                          packetsSent: 563_390))
        #expect(devices[1].bytesSent == 2000 && devices[1].packetsReceived == 10)
        #expect(ProcFiles.networkDevices("h\nh\n  eth0: 1 2 3\n") == nil)
    }

    @Test("os-release: PRETTY_NAME unquoted, else NAME and VERSION")
    func operatingSystem() {
        #expect(ProcFiles.operatingSystem("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
                == "Debian GNU/Linux 12 (bookworm)")
        #expect(ProcFiles.operatingSystem("NAME=Alpine\nVERSION='3.20'\n") == "Alpine 3.20")
        #expect(ProcFiles.operatingSystem("ID=x\n") == nil)
    }
}

@Suite("Status: /proc and the host, read live")
struct StatusHostLiveTests {
    @Test("the real /proc files parse, and agree with what the kernel says elsewhere")
    func live() throws {
        let probe = HostProbe(diskPath: FileManager.default.temporaryDirectory.path)
        let memory = try #require(probe.memory)
        #expect(memory.total > 0 && memory.available <= memory.total)
        let pages = UInt64(sysconf(Int32(_SC_PHYS_PAGES))) * UInt64(sysconf(Int32(_SC_PAGESIZE)))
        #expect(pages == memory.total, "MemTotal is the kernel's total RAM, as sysconf(3) counts it")
        #expect(try #require(probe.loadAverage).count == 3)
        let uptime = try #require(probe.hostUptime)
        #expect(uptime > 0)
        let process = try #require(probe.process)
        #expect(process.pid == Int(getpid()))
        #expect(process.threads >= 1 && process.residentBytes > 1 << 20)
        #expect(try #require(process.openFileDescriptors) >= 3)
        #expect(try #require(process.uptime) <= uptime)
        let cpu = try #require(probe.cpuUsage)
        #expect((0...100).contains(cpu))
        let devices = try #require(probe.networkDevices)
        #expect(devices.contains { $0.name == "lo" })
        let disk = try #require(probe.disk)
        #expect(disk.total > 0 && disk.available <= disk.total && disk.used <= disk.total)
        let kernel = try #require(probe.kernel)
        var name = [CChar](repeating: 0, count: 256)
        #expect(gethostname(&name, name.count) == 0)
        #expect(kernel.hostname == String(cString: name))
        #expect(kernel.system == "Linux")
        #expect(try String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines) == kernel.release)
        #expect(probe.interfaceAddresses.first { $0.name == "lo" }?.ipv4.contains("127.0.0.1/8") == true)
    }
}

@Suite("Status: latency histogram")
struct StatusLatencyHistogramTests {
    @Test("percentiles of 1…10,000 µs are within 3.1 % above the true values, never above the maximum")
    func percentiles() throws {
        var histogram = LatencyHistogram()
        for value in 1...10_000 { histogram.record(microseconds: UInt64(value)) }
        #expect(histogram.count == 10_000)
        #expect(histogram.mean == 5000.5)
        for (percent, truth) in [(50.0, 5000.0), (95, 9500), (99, 9900), (100, 10_000)] {
            let value = Double(try #require(histogram.percentile(percent)))
            #expect(value >= truth && value <= truth * 1.032, "p\(percent) = \(value)")
        }
        #expect(histogram.percentile(100) == 10_000)
    }

    @Test("small values are exact; empty answers nothing")
    func exactAndEmpty() {
        var histogram = LatencyHistogram()
        #expect(histogram.percentile(99) == nil && histogram.mean == nil)
        for value: UInt64 in [3, 3, 3, 40] { histogram.record(microseconds: value) }
        #expect(histogram.percentile(50) == 3)
        #expect(histogram.percentile(99) == 40)
    }

    @Test("every bucket's upper bound holds its values, and the next bucket starts right after it")
    func buckets() {
        for value: UInt64 in [0, 1, 63, 64, 65, 127, 128, 1000, 123_456, 1 << 30] {
            let index = LatencyHistogram.index(of: value)
            #expect(LatencyHistogram.upperBound(of: index) >= value)
            #expect(index == 0 || LatencyHistogram.upperBound(of: index - 1) < value)
        }
    }
}

@Suite("Status: BIRD's times")
struct StatusBIRDTimeTests {
    @Test("uptime from BIRD's clock and a state change, in each format BIRD prints",
          arguments: [
              ("01:49:12.345", "2026-11-26 01:50:00.345", 48.0),
              ("23:59:00.000", "2026-11-26 00:01:00.000", 120.0),  // the change was yesterday
              ("2026-11-25 01:50:00", "2026-11-26 01:50:30.5", 86_430.5),
              ("2026-02-28 12:00:00.000", "2026-03-01 12:00:00.000", 86_400.0),
          ])
    func uptime(since: String, now: String, seconds: Double) throws {
        let value = try #require(BIRDTime.seconds(since: since, now: now))
        #expect(abs(value - seconds) < 0.001)
    }

    @Test("a bare date, a clock BIRD printed in another format, or a change after the clock give no uptime",
          arguments: [("2026-11-25", "2026-11-26 01:50:00.000"), ("01:49:12", "26-11-2026 01:50"),
                      ("2026-11-27 00:00:00", "2026-11-26 01:50:00")])
    func noUptime(since: String, now: String) {
        #expect(BIRDTime.seconds(since: since, now: now) == nil)
    }

    @Test("days since 1970 follow the Gregorian calendar")
    func days() {
        #expect(BIRDTime.days("1970-01-01") == 0)
        #expect(BIRDTime.days("2000-03-01") == 11_017)
        #expect(BIRDTime.days("2026-11-26") == 20_783)
    }
}
