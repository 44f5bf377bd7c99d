extension IncrementalCheck {
    /// A change that adds, replaces or removes WireGuard clients and allocations:
    /// - the changed resources go through the validator itself, in a small inventory holding them, every node,
    ///   server and pool, and the clients and allocations they refer to (the same checks, codes and words);
    /// - what they could clash with elsewhere (a name, id, key or address taken, an overlapping allocation, an
    ///   allocation left without its client) is looked up in the index of the rest.
    /// It is checked in full when an allocation is in a pool with LAN interfaces (it can move a LAN prefix), or when
    /// validation assigns client addresses (clients that come or go move them).
    struct ClientsCheck {
        let base: ValidatedState
        let touched: Set<String>
        let after: Inventory
        /// The clients the change removes and adds. A client the changed files hold exactly as before (same
        /// fields, same places) is in neither, unless the base has a diagnostic in those files: then each of their
        /// clients is checked again, so that its diagnostics are found again. Clients are told apart by name
        /// everywhere below, so one left out is one of the rest. Allocations are not narrowed: what is checked of
        /// them goes by file.
        let removedClients: [WireGuardClient]
        let addedClients: [WireGuardClient]
        let removedAllocations: [Allocation]
        let addedAllocations: [Allocation]
        /// Whether the changed files hold clients, before or after.
        let touchesClients: Bool

        init(_ check: IncrementalCheck) {
            base = check.base
            touched = check.touched
            after = check.after
            let clientsBefore = IncrementalCheck.resources(base.inventory.clients, in: touched)
            let clientsAfter = IncrementalCheck.resources(after.clients, in: touched)
            touchesClients = !(clientsBefore.isEmpty && clientsAfter.isEmpty)
            let touched = check.touched
            if base.diagnostics.contains(where: { touched.contains($0.location.file) }) {
                (removedClients, addedClients) = (clientsBefore, clientsAfter)
            } else {
                (removedClients, addedClients) = IncrementalCheck.changed(before: clientsBefore, after: clientsAfter)
            }
            removedAllocations = IncrementalCheck.resources(base.inventory.allocations, in: touched)
            addedAllocations = IncrementalCheck.resources(after.allocations, in: touched)
        }

        /// The validated inventory after the change and what validating it says, as a full validation would give them;
        /// nil when the change must be checked in full.
        func run() -> ValidatedState? {
            if base.hasUnpinnedClients, !(removedClients.isEmpty && addedClients.isEmpty) { return nil }
            let pools = Set((removedAllocations + addedAllocations).map(\.pool))
            guard pools.isDisjoint(with: base.index.poolsWithLAN), !clashesWithTheRest() else { return nil }
            let (_, found) = Validator.validate(smallInventory())
            guard !found.hasErrors, !found.contains(where: { $0.code == .unpinnedAddress }) else { return nil }

            let poolsByName = Dictionary(base.inventory.pools.map { ($0.name, $0) },
                                         uniquingKeysWith: { first, _ in first })
            let exhaustionPlaces = Set(pools.compactMap { poolsByName[$0]?.origin.location("prefix") })
            var diagnostics = base.diagnostics.filter { diagnostic in
                !touched.contains(diagnostic.location.file)
                    && !(diagnostic.code == .poolExhausted && exhaustionPlaces.contains(diagnostic.location))
            }
            diagnostics += found.filter { touched.contains($0.location.file) }
            for pool in pools.sorted() {
                guard let pool = poolsByName[pool] else { continue }
                let taken = after.allocations.filter { $0.pool == pool.name }.map(\.prefix)
                if let warning = Validator.exhaustion(of: pool, taken: taken) { diagnostics.append(warning) }
            }

            var inventory = base.inventory
            // Clients as loaded are clients as validated, except those validation gave an address: with such a
            // client in the inventory only allocations change (or clients identical to the validated ones), and
            // the validated clients stay.
            if touchesClients, !base.hasUnpinnedClients { inventory.clients = after.clients }
            inventory.allocations = after.allocations
            inventory.digest = after.digest
            var index = base.index
            removedClients.forEach { index.remove($0) }
            addedClients.forEach { index.add($0) }
            removedAllocations.forEach { index.remove($0) }
            addedAllocations.forEach { index.add($0) }
            return ValidatedState(inventory: inventory, diagnostics: diagnostics, index: index,
                                  hasUnpinnedClients: base.hasUnpinnedClients)
        }

        /// Whether an added client or allocation takes what the rest of the inventory holds, or a removed client leaves
        /// allocations behind: each is an error of a full check.
        private func clashesWithTheRest() -> Bool {
            let index = base.index
            let leaving = Set(removedClients.map(\.name))
            func isHeldElsewhere(_ holder: ValidationIndex.Holder?) -> Bool {
                switch holder {
                case nil: false
                case .server: true
                case .client(let name): !leaving.contains(name)
                }
            }
            if index.someClientIDCouldBeDerived, !addedClients.isEmpty { return true }
            for client in addedClients {
                if index.clientNames.contains(client.name), !leaving.contains(client.name) { return true }
                if ValidationIndex.hasSymbolOfItsOwn(client.name),
                   let other = index.clientSymbols[Names.birdSymbol(client.name)], other != client.name,
                   !leaving.contains(other) { return true }
                if let id = client.explicitID {
                    if ResourceID.couldBeDerived(id) { return true }
                    if let other = index.clientIDs[id], !leaving.contains(other) { return true }
                }
                if let key = client.publicKey, isHeldElsewhere(index.publicKeys[key]) { return true }
                if index.addresses(of: client).contains(where: { isHeldElsewhere(index.addresses[$0]) }) { return true }
            }
            let staying = Set(addedClients.map(\.name))
            for name in leaving.subtracting(staying) {
                if index.allocationsByClient[name, default: []].contains(where: { !touched.contains($0.origin.file) }) {
                    return true
                }
            }
            return addedAllocations.contains { index.allocationOverlaps($0.prefix, skipping: touched) }
        }

        /// The changed clients and allocations with what they refer to or what refers to them: every node, server and
        /// pool, the allocations of changed clients, the clients of changed allocations.
        private func smallInventory() -> Inventory {
            var small = Inventory()
            small.nodes = base.inventory.nodes
            small.servers = base.inventory.servers
            small.pools = base.inventory.pools
            small.vrps = base.inventory.vrps
            small.repositoryVRPs = base.inventory.repositoryVRPs
            small.hasBrokenVRPs = base.inventory.hasBrokenVRPs
            small.clients = addedClients
            small.allocations = addedAllocations
            for client in addedClients {
                small.allocations += base.index.allocationsByClient[client.name, default: []]
                    .filter { !touched.contains($0.origin.file) }
            }
            var present = Set(addedClients.map(\.name))
            let leaving = Set(removedClients.map(\.name))
            for allocation in addedAllocations
            where !present.contains(allocation.client) && !leaving.contains(allocation.client) {
                guard base.index.clientNames.contains(allocation.client),
                      let client = base.inventory.clients.first(where: { $0.name == allocation.client })
                else { continue }
                small.clients.append(client)
                present.insert(client.name)
            }
            return small
        }
    }
}
