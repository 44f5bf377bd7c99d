import Foundation

/// The lines two texts differ in, as GNU diff finds them: the common head and tail are cut off first (a
/// 10,000-peer config with one peer changed leaves a few lines to compare), lines unique to both sides anchor
/// the rest (patience diff), Myers' O(ND) algorithm aligns what lies between anchors, and each changed run
/// finally slides down over identical lines, so an added block ends at a blank line rather than starting at one.
struct LineDiff {
    /// One changed region: `old` lines replaced by `new` lines (either may be empty).
    struct Change: Equatable {
        var old: Range<Int>
        var new: Range<Int>
    }

    /// Past this many edits in one region without anchors, Myers' search stops and the region is reported
    /// as replaced whole: still a correct diff, and the time and memory stay bounded.
    static let maximumEdits = 1000
    /// Past this depth the anchors are too sparse to be worth recursing on.
    static let maximumDepth = 64

    static func changes(_ old: LineTable, _ new: LineTable) -> [Change] {
        var head = 0
        while head < old.count, head < new.count, old.line(head, equals: new, head) { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head,
              old.line(old.count - 1 - tail, equals: new, new.count - 1 - tail) {
            tail += 1
        }
        var oldChanged = [Bool](repeating: false, count: old.count)
        var newChanged = [Bool](repeating: false, count: new.count)
        let oldMiddle = head..<(old.count - tail)
        let newMiddle = head..<(new.count - tail)
        if !oldMiddle.isEmpty || !newMiddle.isEmpty {
            var marker = ChangeMarker(old: old, oldMiddle, new: new, newMiddle)
            marker.compare(0..<oldMiddle.count, 0..<newMiddle.count, depth: 0)
            for index in marker.oldChanged.indices { oldChanged[head + index] = marker.oldChanged[index] }
            for index in marker.newChanged.indices { newChanged[head + index] = marker.newChanged[index] }
        }
        slideDown(&oldChanged, old)
        slideDown(&newChanged, new)
        return script(oldChanged, newChanged)
    }

    /// Moves each changed run down while the line after it equals its first line, joining the runs it meets.
    /// The unchanged lines keep their order and contents, so the diff stays correct.
    static func slideDown(_ changed: inout [Bool], _ lines: LineTable) {
        var index = 0
        while index < changed.count {
            guard changed[index] else {
                index += 1
                continue
            }
            var start = index
            var end = index
            while end < changed.count, changed[end] { end += 1 }
            while end < changed.count, lines.line(start, equals: lines, end) {
                changed[start] = false
                changed[end] = true
                start += 1
                end += 1
                while end < changed.count, changed[end] { end += 1 }
            }
            index = end
        }
    }

    /// The changed regions, from the changed lines of each side. Unchanged lines pair up in order.
    static func script(_ oldChanged: [Bool], _ newChanged: [Bool]) -> [Change] {
        var result: [Change] = []
        var old = 0
        var new = 0
        while old < oldChanged.count || new < newChanged.count {
            if old < oldChanged.count, new < newChanged.count, !oldChanged[old], !newChanged[new] {
                old += 1
                new += 1
                continue
            }
            let oldStart = old
            let newStart = new
            while old < oldChanged.count, oldChanged[old] { old += 1 }
            while new < newChanged.count, newChanged[new] { new += 1 }
            precondition(old > oldStart || new > newStart, "unchanged lines must pair up")
            result.append(Change(old: oldStart..<old, new: newStart..<new))
        }
        return result
    }
}

/// Marks changed lines of the middle parts of two texts, with lines replaced by small integers.
private struct ChangeMarker {
    let a: [Int32]
    let b: [Int32]
    var oldChanged: [Bool]
    var newChanged: [Bool]

    init(old: LineTable, _ oldRange: Range<Int>, new: LineTable, _ newRange: Range<Int>) {
        var ids: [String: Int32] = [:]
        func id(_ table: LineTable, _ index: Int) -> Int32 {
            let key = table.key(index)
            if let known = ids[key] { return known }
            let next = Int32(ids.count)
            ids[key] = next
            return next
        }
        a = oldRange.map { id(old, $0) }
        b = newRange.map { id(new, $0) }
        oldChanged = [Bool](repeating: false, count: a.count)
        newChanged = [Bool](repeating: false, count: b.count)
    }

    mutating func compare(_ old: Range<Int>, _ new: Range<Int>, depth: Int) {
        var oldLow = old.lowerBound, oldHigh = old.upperBound
        var newLow = new.lowerBound, newHigh = new.upperBound
        while oldLow < oldHigh, newLow < newHigh, a[oldLow] == b[newLow] {
            oldLow += 1
            newLow += 1
        }
        while oldLow < oldHigh, newLow < newHigh, a[oldHigh - 1] == b[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
        }
        if oldLow == oldHigh || newLow == newHigh {
            mark(oldLow..<oldHigh, newLow..<newHigh)
            return
        }
        let anchors = depth < LineDiff.maximumDepth ? uniqueAnchors(oldLow..<oldHigh, newLow..<newHigh) : []
        guard !anchors.isEmpty else {
            myers(oldLow..<oldHigh, newLow..<newHigh)
            return
        }
        var oldNext = oldLow
        var newNext = newLow
        for (oldAnchor, newAnchor) in anchors {
            compare(oldNext..<oldAnchor, newNext..<newAnchor, depth: depth + 1)
            oldNext = oldAnchor + 1
            newNext = newAnchor + 1
        }
        compare(oldNext..<oldHigh, newNext..<newHigh, depth: depth + 1)
    }

    mutating func mark(_ old: Range<Int>, _ new: Range<Int>) {
        for index in old { oldChanged[index] = true }
        for index in new { newChanged[index] = true }
    }

    /// Lines that occur exactly once on each side, in the longest run that keeps both sides' order.
    func uniqueAnchors(_ old: Range<Int>, _ new: Range<Int>) -> [(Int, Int)] {
        var seen: [Int32: (oldCount: Int, newCount: Int, oldIndex: Int, newIndex: Int)] = [:]
        for index in old { seen[a[index], default: (0, 0, 0, 0)].oldCount += 1; seen[a[index]]!.oldIndex = index }
        for index in new where seen[b[index]] != nil {
            seen[b[index]]!.newCount += 1
            seen[b[index]]!.newIndex = index
        }
        let pairs = seen.values.filter { $0.oldCount == 1 && $0.newCount == 1 }
            .map { ($0.oldIndex, $0.newIndex) }.sorted { $0.0 < $1.0 }
        return Self.longestIncreasingRun(pairs)
    }

    /// Patience sorting: the longest subsequence of `pairs` (ordered by old index) whose new indexes increase.
    static func longestIncreasingRun(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        guard !pairs.isEmpty else { return [] }
        var pileTops: [Int] = []
        var previous = [Int](repeating: -1, count: pairs.count)
        for index in pairs.indices {
            var low = 0
            var high = pileTops.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[pileTops[middle]].1 < pairs[index].1 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[index] = pileTops[low - 1] }
            if low == pileTops.count { pileTops.append(index) } else { pileTops[low] = index }
        }
        var result: [(Int, Int)] = []
        var index = pileTops[pileTops.count - 1]
        while index >= 0 {
            result.append(pairs[index])
            index = previous[index]
        }
        return result.reversed()
    }

    /// Myers' greedy shortest edit script for one region; the whole region when it needs too many edits.
    mutating func myers(_ old: Range<Int>, _ new: Range<Int>) {
        let n = old.count
        let m = new.count
        let limit = min(n + m, LineDiff.maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // trace[d * d + d + k] is v[k] before step d, for k in -d...d.
        var trace: [Int] = []
        for d in 0...limit {
            for k in -d...d { trace.append(v[offset + k]) }
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[old.lowerBound + x] == b[new.lowerBound + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    backtrack(trace, steps: d, old, new)
                    return
                }
            }
        }
        mark(old, new)
    }

    private mutating func backtrack(_ trace: [Int], steps: Int, _ old: Range<Int>, _ new: Range<Int>) {
        var x = old.count
        var y = new.count
        for d in stride(from: steps, to: 0, by: -1) {
            func v(_ k: Int) -> Int { trace[d * d + d + k] }
            let k = x - y
            let previousK = k == -d || (k != d && v(k - 1) < v(k + 1)) ? k + 1 : k - 1
            let previousX = v(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
            }
            if x == previousX {
                newChanged[new.lowerBound + previousY] = true
            } else {
                oldChanged[old.lowerBound + previousX] = true
            }
            x = previousX
            y = previousY
        }
    }
}

/// A text split into lines, each with its line break; only the last line may lack one.
struct LineTable {
    let bytes: [UInt8]
    /// Line `i` is `bytes[bounds[i] ..< bounds[i + 1]]`.
    let bounds: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var bounds = [0]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                guard let found = memchr(base + offset, 0x0A, buffer.count - offset) else {
                    bounds.append(buffer.count)
                    break
                }
                offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                bounds.append(offset)
            }
        }
        self.bounds = bounds
    }

    var count: Int { bounds.count - 1 }

    /// Whether line `index` ends with a line break (every line but possibly the last does).
    func hasLineBreak(_ index: Int) -> Bool {
        bounds[index + 1] > bounds[index] && bytes[bounds[index + 1] - 1] == 0x0A
    }

    func line(_ index: Int, equals other: LineTable, _ otherIndex: Int) -> Bool {
        let length = bounds[index + 1] - bounds[index]
        guard length == other.bounds[otherIndex + 1] - other.bounds[otherIndex] else { return false }
        guard length > 0 else { return true }
        return bytes.withUnsafeBytes { mine in
            other.bytes.withUnsafeBytes { theirs in
                memcmp(mine.baseAddress! + bounds[index], theirs.baseAddress! + other.bounds[otherIndex], length) == 0
            }
        }
    }

    /// The line with its line break, as a dictionary key.
    func key(_ index: Int) -> String {
        String(decoding: bytes[bounds[index]..<bounds[index + 1]], as: UTF8.self)
    }

    /// The line without its line break.
    func text(_ index: Int) -> String {
        let end = hasLineBreak(index) ? bounds[index + 1] - 1 : bounds[index + 1]
        return String(decoding: bytes[bounds[index]..<end], as: UTF8.self)
    }
}
