/// Generated files: which of the node's files appear, disappear or change, with their unified diffs.
extension NodeComparison {
    mutating func compareFiles() {
        let old = before?.files ?? [:]
        let new = after?.files ?? [:]
        plan.files = Set(old.keys).union(new.keys).sorted().compactMap { path in
            switch (old[path], new[path]) {
            case (nil, let contents?):
                return FileChange(path: path, change: .added, diff: UnifiedDiff.render(
                    old: "", new: contents, oldLabel: "/dev/null", newLabel: "b/" + path))
            case (let contents?, nil):
                return FileChange(path: path, change: .removed, diff: UnifiedDiff.render(
                    old: contents, new: "", oldLabel: "a/" + path, newLabel: "/dev/null"))
            case (let was?, let will?) where was != will:
                return FileChange(path: path, change: .changed, diff: UnifiedDiff.render(
                    old: was, new: will, oldLabel: "a/" + path, newLabel: "b/" + path))
            default:
                return nil
            }
        }
    }
}
