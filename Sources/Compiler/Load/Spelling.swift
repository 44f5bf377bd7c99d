/// "Did you mean" suggestions by edit distance.
enum Spelling {
    static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().utf8)
        var best: (String, Int)?
        let limit = max(2, target.count / 3)
        for candidate in candidates {
            let other = Array(candidate.lowercased().utf8)
            // The distance is at least the difference in length: a long word is never near a field name,
            // and comparing a megabyte key letter by letter with each name would take seconds.
            guard abs(target.count - other.count) <= limit else { continue }
            let distance = editDistance(target, other)
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
