/// BIRD 2's control socket, spoken directly: numbered reply lines, `configure` with commit-confirm, protocol
/// state. Shared by the agent and the API. Filled in by the agent issue.
public enum BIRD {}
