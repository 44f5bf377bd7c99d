/// The hints of unknown-reference diagnostics. A crafted inventory can hold tens of thousands of names and as
/// many unknown references, so each kind's names are listed once, and the "did you mean" search, which compares
/// a reference with every name, stops suggesting after a fixed number of comparisons in one run.
struct ReferenceHints {
    private struct Known {
        var names: [String]
        var listing: String
    }

    private var known: [ResourceKind: Known] = [:]
    /// Name comparisons left for suggestions in this run: fifty typos among ten thousand names, a quarter of a
    /// second; without a bound, thousands of unknown references among thousands of names take minutes.
    private var comparisonsLeft: Int

    init(comparisons: Int = 500_000) {
        comparisonsLeft = comparisons
    }

    func knows(_ kind: ResourceKind) -> Bool {
        known[kind] != nil
    }

    /// Remembers the names of `kind`, in inventory order (the first of equally close names is suggested).
    mutating func learn(_ kind: ResourceKind, names: [String]) {
        let listing = names.isEmpty ? "the inventory defines no \(kind.displayName)"
            : "known: " + names.sorted().prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        known[kind] = Known(names: names, listing: listing)
    }

    /// The closest name of `kind` to `name`, else some of the names; `learn` must have been called for `kind`.
    mutating func hint(for name: String, kind: ResourceKind) -> String {
        guard let entry = known[kind] else { return "" }
        if entry.names.count <= comparisonsLeft {
            comparisonsLeft -= entry.names.count
            if let near = Spelling.closest(to: name, in: entry.names) { return "did you mean '\(near)'?" }
        }
        return entry.listing
    }
}
