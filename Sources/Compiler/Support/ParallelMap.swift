import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over all cores, results in the original order, so the output stays deterministic.
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let slots = results
        withUnsafeBufferPointer { input in
            nonisolated(unsafe) let items = input
            // Each iteration writes only its own slot.
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = transform(items[index])
            }
        }
        return results.map { $0! }
    }
}

extension Array where Element: Sendable {
    /// `transform` over contiguous parts of the array, one per core (a single part below `minimumCount`), the
    /// parts' results in order: for thousands of cheap elements, where a task per element would cost more than
    /// the work.
    public func parallelParts<Part: Sendable>(minimumCount: Int = 1_000,
                                              _ transform: @Sendable (ArraySlice<Element>) -> Part) -> [Part] {
        let parts = count < Swift.max(minimumCount, 2) ? 1 : Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard parts > 1 else { return [transform(self[...])] }
        let size = (count + parts - 1) / parts
        let ranges = stride(from: 0, to: count, by: size).map { $0..<Swift.min($0 + size, count) }
        return ranges.parallelMap { transform(self[$0]) }
    }
}
