/// The per-router agent: fetches the inventory repository, compiles the node's revision, plans and applies
/// the change with rollback, and reports what it applied. Filled in by the agent issue; the compiler's output
/// (`CompiledNode`, `manifest.json`) is what it consumes.
public enum Agent {}
