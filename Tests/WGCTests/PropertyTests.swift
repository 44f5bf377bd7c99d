@testable import Compiler
import Foundation
import Nettle
import PropertyBased
import Sodium
import Testing
import YAML

@Suite("Properties")
struct PropertyTests {
    static let pool: IPPrefix = {
        guard case .success(let prefix) = IPPrefix.parse("2001:db8:100::/48") else { fatalError() }
        return prefix
    }()

    /// Replaces, removes or inserts a byte at each position (the position picks which, modulo 3).
    static func mutate(_ bytes: [UInt8], _ positions: [Int], _ characters: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for (position, character) in zip(positions, characters) {
            let index = position % (bytes.count + 1)
            switch position % 3 {
            case 0 where index < bytes.count: bytes[index] = character
            case 1 where index < bytes.count: bytes.remove(at: index)
            default: bytes.insert(character, at: index)
            }
        }
        return bytes
    }

    @Test("allocation never overlaps and never moves what is already allocated")
    func allocationIsStableAndDisjoint() async {
        await propertyCheck(count: 200, input: Gen.int(in: 48...64).array(of: 1...40)) { lengths in
            var taken: [IPPrefix] = []
            for length in lengths {
                let before = taken
                guard let next = PoolAllocator.firstFree(in: Self.pool, length: length, taken: taken) else {
                    // Full for this length: then no aligned block of it is free anywhere in the pool.
                    let size = IPPrefix(address: Self.pool.address, length: length).size
                    var candidate = Self.pool.first
                    while candidate <= Self.pool.last {
                        let block = IPPrefix(address: IPAddress(family: .v6, value: candidate), length: length)
                        #expect(taken.contains { $0.overlaps(block) }, "\(block) was free but the pool was called full")
                        if !taken.contains(where: { $0.overlaps(block) }) { break }
                        candidate += size
                    }
                    continue
                }
                #expect(Self.pool.contains(next))
                #expect(next.length == length)
                #expect(!next.hasHostBits, "aligned")
                #expect(!taken.contains { $0.overlaps(next) }, "\(next) overlaps \(taken)")
                taken.append(next)
                #expect(Array(taken.prefix(before.count)) == before, "existing allocations never move")
            }
        }
    }

    @Test("allocation is first fit: nothing lower of that length was free")
    func allocationIsFirstFit() async {
        await propertyCheck(count: 100, input: Gen.int(in: 56...64).array(of: 1...12), Gen.int(in: 56...64)) { lengths, want in
            var taken: [IPPrefix] = []
            for length in lengths {
                if let next = PoolAllocator.firstFree(in: Self.pool, length: length, taken: taken) { taken.append(next) }
            }
            guard let found = PoolAllocator.firstFree(in: Self.pool, length: want, taken: taken) else { return }
            let block = IPPrefix(address: Self.pool.address, length: want).size
            var candidate = Self.pool.first
            while candidate < found.first {
                let lower = IPPrefix(address: IPAddress(family: .v6, value: candidate), length: want)
                #expect(taken.contains { $0.overlaps(lower) }, "\(lower) was free but \(found) was chosen")
                candidate += block
            }
        }
    }

    @Test("compiling twice gives identical bytes")
    func compileIsDeterministic() throws {
        let first = InventoryCompiler.emit(try InventoryCompiler.check(FolderSource(path: Repository.example)).inventory)
        let second = InventoryCompiler.emit(try InventoryCompiler.check(FolderSource(path: Repository.example)).inventory)
        #expect(first == second)
        let shuffled = TestInventory.files.shuffled()
        let a = InventoryCompiler.emit(TestInventory.check().inventory)
        let b = InventoryCompiler.emit(TestInventory.check(Dictionary(uniqueKeysWithValues: shuffled)).inventory)
        #expect(a == b, "the order files are read in does not matter")
    }

    @Test("mutated inventories never crash the compiler and every diagnostic has a place")
    func mutationsNeverCrash() async {
        let sources = TestInventory.files.filter { $0.key.hasSuffix(".yaml") }.sorted { $0.key < $1.key }
        let alphabet = Array(":-[]{}#&*!|>'\"%@`,? \n\t0123456789abcxyz./\\~".utf8)
        await propertyCheck(count: 3000, input: Gen.int(in: 0..<sources.count), Gen.int(in: 0...Int.max).array(of: 1...6),
                            Gen.int(in: 0..<alphabet.count).array(of: 1...6)) { fileIndex, positions, characters in
            var files = TestInventory.files
            let (name, text) = sources[fileIndex]
            let bytes = Self.mutate(Array(text.utf8), positions, characters.map { alphabet[$0] })
            files[name] = String(decoding: bytes, as: UTF8.self)
            let checked = TestInventory.check(files)
            for diagnostic in checked.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
                #expect(files[diagnostic.location.file] != nil)
            }
            if !checked.hasErrors { _ = InventoryCompiler.emit(checked.inventory) }
        }
    }

    @Test("the prefix index finds the same first overlapping and covering prefix as comparing with each one")
    func prefixIndexMatchesALinearSearch() async {
        // Short prefixes of a small space, so that random ones often nest, equal or overlap each other.
        let prefix = Gen.int(in: 0...255).map { bits in
            IPPrefix(address: IPAddress(family: .v6, value: UInt128(bits & 0xF0) << 120), length: bits & 0x0F)
        }
        await propertyCheck(count: 300, input: prefix.array(of: 0...40), prefix.array(of: 1...10)) { added, queries in
            var index = PrefixOverlapIndex(lengths: (added + queries).map(\.length))
            for (position, prefix) in added.enumerated() { index.add(prefix, position: position) }
            for query in queries {
                #expect(index.firstOverlapping(query) == added.firstIndex { $0.overlaps(query) }, "\(query) in \(added)")
                #expect(index.firstCovering(query) == added.firstIndex { $0.contains(query) }, "\(query) in \(added)")
            }
        }
    }

    @Test("block and flow collections nested at random are refused exactly past 256 levels")
    func nestingIsRefusedPastTheLimit() async {
        let openers = ["[", "{a: "]
        let closers = ["]", "}"]
        await propertyCheck(count: 200, input: Gen.int(in: 0...300), Gen.int(in: 0...1).array(of: 0...300)) { block, flow in
            let text = String(repeating: "- ", count: block) + flow.map { openers[$0] }.joined() + "x"
                + flow.reversed().map { closers[$0] }.joined()
            let depth = block + flow.count
            do throws(YAMLError) {
                _ = try YAMLParser.parse(text, limits: InventoryLimits.yaml)
                #expect(depth <= 256, "\(depth) levels were read")
            } catch {
                #expect(depth > 256 && error.code == .nestingTooDeep, "\(depth) levels: \(error)")
            }
        }
    }

    @Test("long runs of openers, dashes, anchors and aliases inserted anywhere never crash the compiler")
    func deepInsertionsNeverCrash() async {
        let sources = TestInventory.files.filter { $0.key.hasSuffix(".yaml") }.sorted { $0.key < $1.key }
        let runs = ["[", "{", "{a: ", "- ", "\n- ", "*a ", "&a [", "[*a, *a, ", "? ", "a: &a [x, "]
        await propertyCheck(count: 300, input: Gen.int(in: 0..<sources.count), Gen.int(in: 0...Int.max),
                            Gen.int(in: 0..<runs.count), Gen.int(in: 1...5000)) { fileIndex, position, run, length in
            var files = TestInventory.files
            var bytes = Array(sources[fileIndex].value.utf8)
            bytes.insert(contentsOf: Array(String(repeating: runs[run], count: length).utf8), at: position % (bytes.count + 1))
            files[sources[fileIndex].key] = String(decoding: bytes, as: UTF8.self)
            let checked = TestInventory.check(files)
            for diagnostic in checked.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            }
        }
    }

    @Test("long runs of brackets inserted anywhere never crash the VRP reader")
    func deepVRPInsertionsNeverCrash() async {
        let text = Array(TestInventory.files["rpki/vrps.json"]!.utf8)
        let runs = ["[", "{\"a\": ", "[{\"a\": ", "{\"roas\": ["]
        await propertyCheck(count: 300, input: Gen.int(in: 0...Int.max), Gen.int(in: 0..<runs.count),
                            Gen.int(in: 1...5000)) { position, run, length in
            var bytes = text
            bytes.insert(contentsOf: Array(String(repeating: runs[run], count: length).utf8), at: position % (bytes.count + 1))
            let loaded = VRPLoader.load(SourceFile(path: "rpki/v.json", bytes: bytes))
            for diagnostic in loaded.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            }
        }
    }

    @Test("mutated VRP exports never crash the reader")
    func vrpMutationsNeverCrash() async {
        let text = Array(TestInventory.files["rpki/vrps.json"]!.utf8)
        let alphabet = Array("{}[],:\"\\ \n0123456789.eE-+AStrufalsn/x".utf8)
        await propertyCheck(count: 3000, input: Gen.int(in: 0...Int.max).array(of: 1...6),
                            Gen.int(in: 0..<alphabet.count).array(of: 1...6)) { positions, characters in
            let bytes = Self.mutate(text, positions, characters.map { alphabet[$0] })
            let loaded = VRPLoader.load(SourceFile(path: "rpki/v.json", bytes: bytes))
            for diagnostic in loaded.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            }
        }
    }

    @Test("allocations.json is byte for byte what JSONEncoder writes")
    func allocationsJSONIsJSONEncoders() async {
        let alphabet = ["a", "Z", "0", "-", "_", "/", ":", " ", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{c}", "\u{1}",
                        "\u{1f}", "\u{7f}", "é", "😀"]
        await propertyCheck(count: 500, input: Gen.int(in: 0...Int.max).array(of: 1...80)) { choices in
            var stream = choices.makeIterator()
            func pick(_ bound: Int) -> Int { (stream.next() ?? 0) % bound }
            func text() -> String { (0..<pick(6)).map { _ in alphabet[pick(alphabet.count)] }.joined() }
            let pools = (0..<pick(3)).map { _ in
                AllocationsEmitter.PoolReport(
                    id: text(), name: text(), prefix: text(), default_length: pick(129), max_prefix_length: pick(129),
                    min_prefix_length: pick(129), auto_announce_bgp: pick(2) == 1, capacity: UInt64(pick(Int.max)),
                    used: UInt64(pick(1 << 20)), usage_percent: Double(pick(10_001)) / 100,
                    allocations: (0..<pick(4)).map { _ in
                        AllocationsEmitter.AllocationReport(id: text(), prefix: text(), client: text(),
                                                            auto_announce: pick(2) == 1)
                    },
                    lan_prefixes: (0..<pick(3)).map { _ in AllocationsEmitter.LANReport(interface: text(), prefix: text()) })
            }
            let document = AllocationsEmitter.Document(node: text(), pools: pools)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let expected = (try? encoder.encode(document)).map { String(decoding: $0, as: UTF8.self) + "\n" }
            #expect(AllocationsEmitter.text(of: document) == expected)
        }
    }

    @Test("nettle's SHA-256 is libsodium's, at every length around the block size and for random bytes")
    func sha256AgreesWithLibsodium() async {
        for length in 0...200 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
            #expect(Nettle.sha256(bytes) == Sodium.sha256(bytes), "\(length) bytes")
        }
        await propertyCheck(count: 200, input: Gen.int(in: 0...255).array(of: 0...5000)) { values in
            let bytes = values.map { UInt8($0) }
            #expect(Nettle.sha256(bytes) == Sodium.sha256(bytes))
        }
    }
}
