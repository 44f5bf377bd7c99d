/// The REST + WebSocket server of `api-reference.zh.md`: reads come from the compiled HEAD, every write is a
/// validated git commit. Filled in by the API issue.
public enum API {}
