import API
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// How long reads take on 10,000 clients (`benchmarks/generate-inventory.py --shape clients --layout grouped`).
/// Prints figures; runs only with `WGC_READS_BENCHMARK=1`.
@Suite("Reads: benchmark", .enabled(if: ProcessInfo.processInfo.environment["WGC_READS_BENCHMARK"] != nil))
struct ReadsBenchmarkTests {
    @Test("times the first load, a full list of 10,000 clients and pages of 100")
    func tenThousandClients() async throws {
        let workspace = try GitWorkspace()
        let script = Repository.root.appendingPathComponent("benchmarks/generate-inventory.py").path
        let generated = try Programs.run(["python3", script, "--shape", "clients", "--layout", "grouped",
                                          workspace.path + "/inventory"], timeout: 120)
        #expect(generated.status == 0, "\(generated.combined)")
        try workspace.commitAll("10,000 clients")
        let head = try InventoryHead(repository: workspace.path, folder: "inventory")
        try await ReadsFixture.serve(InventoryRoutes.all(head: head)) { client in
            let clock = ContinuousClock()
            let load = try await clock.measure { _ = try await head.current() }
            var count = 0
            let full = try await clock.measure {
                count = try await client.read("/api/v1/wireguard/clients").array.count
            }
            #expect(count == 10_000)
            var fulls: [Duration] = []
            for _ in 0..<5 {
                fulls.append(try await clock.measure { _ = try await client.read("/api/v1/wireguard/clients") })
            }
            let rounds = 500
            let pages = try await clock.measure {
                for round in 0..<rounds {
                    _ = try await client.read("/api/v1/wireguard/clients?limit=100&offset=\(round * 100 % 10_000)")
                }
            }
            print("reads benchmark: first load (compile + history) \(load); first full list of \(count) \(full); "
                  + "full list after \(fulls.map(\.description).joined(separator: ", ")); "
                  + "\(rounds) pages of 100 in \(pages) (\(pages / rounds) each, one client at a time)")
        }
    }
}
