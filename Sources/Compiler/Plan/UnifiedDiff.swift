/// Unified diffs of generated files, as `diff -u` prints them: `--- a/PATH` / `+++ b/PATH` headers, then hunks
/// `@@ -l,n +l,n @@` with `context` unchanged lines around each change, hunks closer than twice that joined.
/// A missing file is `/dev/null` with empty contents, as git shows an added or removed file.
public enum UnifiedDiff {
    /// The diff that turns `old` into `new`; "" when they are equal.
    public static func render(old: String, new: String, oldLabel: String, newLabel: String,
                              context: Int = 3) -> String {
        guard old != new else { return "" }
        let oldLines = LineTable(old)
        let newLines = LineTable(new)
        let changes = LineDiff.changes(oldLines, newLines)
        guard !changes.isEmpty else { return "" }
        var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
        var first = 0
        while first < changes.count {
            var last = first
            while last + 1 < changes.count,
                  changes[last + 1].old.lowerBound - changes[last].old.upperBound <= 2 * context {
                last += 1
            }
            renderHunk(changes[first...last], oldLines, newLines, context: context, into: &out)
            first = last + 1
        }
        return out
    }

    private static func renderHunk(_ changes: ArraySlice<LineDiff.Change>, _ old: LineTable, _ new: LineTable,
                                   context: Int, into out: inout String) {
        let head = changes.first!
        let tail = changes.last!
        let before = min(context, head.old.lowerBound)
        let after = min(context, old.count - tail.old.upperBound)
        let oldRange = (head.old.lowerBound - before)..<(tail.old.upperBound + after)
        let newRange = (head.new.lowerBound - before)..<(tail.new.upperBound + after)
        out += "@@ -\(range(oldRange)) +\(range(newRange)) @@\n"
        var position = oldRange.lowerBound
        for change in changes {
            for index in position..<change.old.lowerBound { line(" ", old, index, into: &out) }
            for index in change.old { line("-", old, index, into: &out) }
            for index in change.new { line("+", new, index, into: &out) }
            position = change.old.upperBound
        }
        for index in position..<oldRange.upperBound { line(" ", old, index, into: &out) }
    }

    private static func line(_ marker: String, _ lines: LineTable, _ index: Int, into out: inout String) {
        out += marker
        out += lines.text(index)
        out += lines.hasLineBreak(index) ? "\n" : "\n\\ No newline at end of file\n"
    }

    /// `start,count` with a 1-based start; one line is just its number, an empty range names the line before it.
    private static func range(_ range: Range<Int>) -> String {
        switch range.count {
        case 0: "\(range.lowerBound),0"
        case 1: "\(range.lowerBound + 1)"
        default: "\(range.lowerBound + 1),\(range.count)"
        }
    }
}
