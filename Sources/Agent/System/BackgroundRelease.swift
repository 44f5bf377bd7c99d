import Dispatch

/// Lets go of `value` on another thread. Freeing the revision a daemon followed before (thousands of clients,
/// their strings and indexes) takes milliseconds the cycle that replaced it need not wait for.
func releaseInBackground<Value: Sendable>(_ value: consuming Value) {
    let box = ReleasedBox(value)
    DispatchQueue.global(qos: .utility).async { box.value = nil }
}

/// The last holder of a value being released; written once, on the releasing thread.
private final class ReleasedBox<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = value }
}
