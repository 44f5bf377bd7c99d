import Hummingbird

/// A resource's routes, mounted under `/api/v1/<path>` (one collection per resource of the reference).
public protocol APIRoutes: Sendable {
    /// Where the collection is mounted, below `/api/v1`: `bgp/sessions`, `users`…
    var path: String { get }
    func add(to group: RouterGroup<APIRequestContext>)
}
