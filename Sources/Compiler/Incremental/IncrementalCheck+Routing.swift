extension IncrementalCheck {
    /// A change to BGP sessions, announcements and whitelist entries. What validates them never looks at clients or
    /// allocations (announcements are covered by pools and whitelist entries), and what validates clients and
    /// allocations never looks at them. So the inventory without its clients and allocations — a few thousand
    /// resources at most — is validated before and after the change, by the validator itself: what a full check
    /// says is what the kept check said, less what the small one said before, plus what it says after.
    struct RoutingCheck {
        let base: ValidatedState
        let after: Inventory

        init(_ check: IncrementalCheck) {
            base = check.base
            after = check.after
        }

        func run() -> ValidatedState? {
            let (_, before) = Validator.validate(Self.routing(of: base.inventory))
            var changed = Self.routing(of: base.inventory)
            changed.sessions = after.sessions
            changed.announcements = after.announcements
            changed.whitelist = after.whitelist
            let (validated, now) = Validator.validate(changed)
            guard !now.hasErrors, var diagnostics = Self.subtracting(before, from: base.diagnostics) else { return nil }
            diagnostics += now
            var inventory = base.inventory
            inventory.sessions = validated.sessions
            inventory.announcements = validated.announcements
            inventory.whitelist = validated.whitelist
            inventory.digest = after.digest
            return ValidatedState(inventory: inventory, diagnostics: diagnostics, index: base.index,
                                  hasUnpinnedClients: base.hasUnpinnedClients)
        }

        /// `inventory` without its clients and allocations.
        private static func routing(of inventory: Inventory) -> Inventory {
            var routing = inventory
            routing.clients = []
            routing.allocations = []
            return routing
        }

        /// `all` less each of `some`, once each; nil when one of `some` is not there (the two checks disagree, so
        /// the change is checked in full).
        private static func subtracting(_ some: [Diagnostic], from all: [Diagnostic]) -> [Diagnostic]? {
            var remaining = Dictionary(some.map { ($0, 1) }, uniquingKeysWith: +)
            let kept = all.filter { diagnostic in
                guard let count = remaining[diagnostic], count > 0 else { return true }
                remaining[diagnostic] = count - 1
                return false
            }
            return remaining.values.allSatisfy { $0 == 0 } ? kept : nil
        }
    }
}
