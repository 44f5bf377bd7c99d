import ArgumentParser

/// `wgc agent`: the per-router daemon, and `wgc agent status` to see what it did.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run the router agent: pull the inventory, apply this node's part safely, repair drift.",
        subcommands: [AgentRun.self, AgentStatus.self],
        defaultSubcommand: AgentRun.self
    )
}
