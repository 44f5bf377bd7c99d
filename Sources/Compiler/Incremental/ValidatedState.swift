/// What a check of an inventory without errors keeps so that a change can be checked from it: the validated model,
/// what validation said of it (loading's diagnostics stay with each file), and the index of what its clients and
/// allocations take.
struct ValidatedState: Sendable {
    var inventory: Inventory
    var diagnostics: [Diagnostic]
    var index: ValidationIndex
    /// Some client was given an address by validation: clients that come or go can move it.
    var hasUnpinnedClients: Bool

    /// The state of a full validation; nil when it found errors (a change is then checked in full).
    init?(validated inventory: Inventory, diagnostics: [Diagnostic]) {
        guard !diagnostics.hasErrors else { return nil }
        self.inventory = inventory
        self.diagnostics = diagnostics
        self.index = ValidationIndex(inventory)
        self.hasUnpinnedClients = diagnostics.contains { $0.code == .unpinnedAddress }
    }

    /// The state after a change checked from another one: its index already brought up to date.
    init(inventory: Inventory, diagnostics: [Diagnostic], index: ValidationIndex, hasUnpinnedClients: Bool) {
        self.inventory = inventory
        self.diagnostics = diagnostics
        self.index = index
        self.hasUnpinnedClients = hasUnpinnedClients
    }
}
