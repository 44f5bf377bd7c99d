import Compiler
import Foundation
import Git

/// When each resource was created and last changed, from the history of its file: the commit times of the
/// first and last commits that touched it. A file git knows nothing of gets the served commit's time.
struct ResourceTimes: Sendable {
    var byFile: [String: FileTimes]
    var fallback: Int64

    func created(_ origin: Origin) -> Date {
        Date(timeIntervalSince1970: TimeInterval(byFile[origin.file]?.created ?? fallback))
    }

    func updated(_ origin: Origin) -> Date {
        Date(timeIntervalSince1970: TimeInterval(byFile[origin.file]?.updated ?? fallback))
    }
}
