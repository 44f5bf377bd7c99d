/// A node's changes as an outline — sections of marked items, each with detail lines — that the text and
/// Markdown renderings print each in their own way, so both show the same things in the same order.
struct NodeOutline {
    struct Section {
        var title: String
        var items: [Item]
    }

    struct Item {
        /// `+`, `-` or `~`.
        var marker: String
        var title: String
        var details: [Detail] = []
    }

    struct Detail {
        var text: String
        /// Marked sub-lines: a session's exports, `+` new, `-` withdrawn, ` ` kept.
        var lines: [(marker: Character, text: String)] = []
    }

    /// How names and values are set off: plain in text, `code` and **bold** in Markdown.
    struct Style {
        var code: (String) -> String
        var name: (String) -> String

        static var plain: Style { Style(code: { $0 }, name: { $0 }) }
    }

    var sections: [Section] = []

    init(_ node: NodePlan, style: Style) {
        let code = style.code
        let name = style.name
        func fields(_ list: [FieldChange], _ change: ChangeKind) -> [Detail] {
            list.map { Detail(text: PlanWording.field($0, change: change, code: code)) }
        }
        func add(_ title: String, _ items: [Item]) {
            if !items.isEmpty { sections.append(Section(title: title, items: items)) }
        }
        if node.change != .removed {
            let change: ChangeKind = node.change == .added ? .added : .changed
            add("Node", node.fields.map {
                Item(marker: PlanWording.marker(change), title: PlanWording.field($0, change: change, code: code))
            })
        }
        add("WireGuard interfaces", node.interfaces.map {
            Item(marker: PlanWording.marker($0.change), title: "\(name($0.interface)) (server \(code($0.server)))",
                 details: fields($0.fields, $0.change))
        })
        add("WireGuard peers", node.peers.map {
            Item(marker: PlanWording.marker($0.change), title: "\(name($0.client)) on \(code($0.interface))",
                 details: fields($0.fields, $0.change))
        })
        add("BGP sessions", node.sessions.map { session in
            var details = fields(session.fields, session.change)
            if session.exports.isChanged {
                details.append(Detail(text: "exports:", lines: PlanWording.exportLines(session.exports).map {
                    ($0.marker, $0.prefix)
                }))
            }
            return Item(marker: PlanWording.marker(session.change), title: name(session.name), details: details)
        })
        add("BGP announcements", node.announcements.map {
            Item(marker: PlanWording.marker($0.change), title: name($0.name), details: fields($0.fields, $0.change))
        })
        add("Prefix pools", node.pools.map { pool in
            var details = fields(pool.fields, pool.change)
            if let usage = PlanWording.usage(pool) { details.append(Detail(text: usage)) }
            return Item(marker: PlanWording.marker(pool.change), title: "\(name(pool.name)) (\(code(pool.prefix)))",
                        details: details)
        })
        add("Allocations", node.allocations.map { allocation in
            // The one-line title says all there is about an added, released or plainly moved allocation.
            let shown = allocation.change == .changed || allocation.change == .moved
                ? allocation.fields.filter { $0.field != "prefix" } : []
            return Item(marker: PlanWording.marker(allocation.change),
                        title: PlanWording.allocation(allocation, code: code), details: fields(shown, .changed))
        })
        add("LAN interfaces (radvd)", node.lanInterfaces.map {
            Item(marker: PlanWording.marker($0.change), title: name($0.interface),
                 details: fields($0.fields, $0.change))
        })
        add("Generated files", node.files.map { Item(marker: PlanWording.marker($0.change), title: code($0.path)) })
    }
}
