import Dispatch

/// A value computed on another thread while the caller goes on with other work; `value()` waits for it. The
/// agent encodes the configuration it will save while it applies that configuration, which mostly waits on
/// WireGuard, BIRD and the kernel.
final class BackgroundValue<Value: Sendable>: @unchecked Sendable {  // `result` is written once, before `done` signals
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    init(_ body: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result(catching: body)
            self.done.signal()
        }
    }

    /// The value, or what `body` threw; waits until it is there.
    func value() throws -> Value {
        done.wait()
        defer { done.signal() }
        return try result!.get()
    }
}
