import Git

/// The first and last commit times of every inventory file, kept up to date as the branch moves: a commit that
/// descends from the one last read walks only the new commits; any other (a rewritten branch) walks it all.
struct FileHistory {
    private var times: [String: FileTimes] = [:]
    private var commit: ObjectID?

    /// Follows a commit this server made on top of the last one read, whose changed files (relative to the
    /// inventory's folder) are known: no tree is read or compared.
    mutating func advance(to head: ObjectID, from parent: ObjectID, written: [String], deleted: [String],
                          in repository: Repository) throws -> ResourceTimes? {
        guard commit == parent else { return nil }
        let time = try repository.commitTime(head)
        for path in deleted { times[path] = nil }
        for path in written { times[path] = FileTimes(created: times[path]?.created ?? time, updated: time) }
        commit = head
        return ResourceTimes(byFile: times, fallback: time)
    }

    mutating func times(at head: ObjectID, in repository: Repository, folder: String) throws -> ResourceTimes {
        if head != commit {
            var since = commit
            if let known = since, try !repository.isDescendant(head, of: known) { since = nil }
            var updated = since == nil ? [:] : times
            try repository.updateFileTimes(&updated, folder: folder, head: head, since: since)
            times = updated
            commit = head
        }
        return ResourceTimes(byFile: times, fallback: try repository.commitTime(head))
    }
}
