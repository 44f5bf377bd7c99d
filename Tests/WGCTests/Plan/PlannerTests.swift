@testable import Compiler
import Foundation
import Testing

@Suite("Planning")
struct PlannerTests {
    typealias Files = PlanFixture.Files

    static func base() throws -> Files { try PlanFixture.baseFiles() }

    /// `files` with the first `old` in `path` replaced by `new`; the edit must apply.
    static func edit(_ files: Files, _ path: String, _ old: String, _ new: String) throws -> Files {
        let text = try #require(files[path], "no \(path)")
        let range = try #require(text.range(of: old), "no '\(old)' in \(path)")
        var files = files
        files[path] = text.replacingCharacters(in: range, with: new)
        return files
    }

    static func plan(_ base: Files, _ head: Files, node: String? = nil) -> Plan {
        PlanFixture.plan(base, head, node: node)
    }

    @Test("a head that does not validate: its diagnostics, rendered as the compiler renders them, and no changes")
    func invalidHead() throws {
        let head = try Self.edit(Self.base(), "bgp/sessions/transit-1.yaml", "hold_time: 90", "hold_time: 2")
        let plan = Self.plan(try Self.base(), head)
        #expect(!plan.headIsValid)
        #expect(!plan.hasChanges)
        #expect(plan.nodes.isEmpty)
        let location = FileLocation(file: "bgp/sessions/transit-1.yaml", line: 7, column: 12)
        #expect(plan.diagnostics.map(\.location) == [location])
        #expect(PlanRenderer.text(plan, diff: true).contains(DiagnosticRenderer.render(plan.diagnostics, as: .text)))
    }

    @Test("with --strict, a head with only warnings does not validate either")
    func strictHead() throws {
        // A client without addresses gets the next free ones, with a warning to pin them.
        let files = try Self.edit(Self.base(), "wireguard/clients/bob.yaml", "ipv4_address: 10.0.0.3/32\n", "")
        let plan = Planner.plan(base: PlanFixture.compile("base", try Self.base()),
                                head: PlanFixture.compile("head", files, strict: true))
        #expect(!plan.headIsValid && plan.head.errors == 0 && plan.head.warnings == 1)
        #expect(plan.nodes.isEmpty)
        #expect(PlanRenderer.text(plan, diff: false).contains("warnings count as errors"))
    }

    @Test("a base that does not validate: head is compared with an empty network, everything added, and it says so")
    func invalidBase() throws {
        let base = try Self.edit(Self.base(), "bgp/sessions/transit-1.yaml", "hold_time: 90", "hold_time: 2")
        let plan = Self.plan(base, try Self.base())
        #expect(plan.comparedWithEmptyBase)
        #expect(!plan.base.isValid && plan.headIsValid)
        #expect(plan.nodes.map(\.change) == [.added, .added])
        let edge1 = try #require(plan.nodes.first)
        #expect(edge1.summary.peers == ChangeCounts(added: 3))
        #expect(edge1.summary.sessions == ChangeCounts(added: 2))
        #expect(edge1.summary.allocations == ChangeCounts(added: 2))
        #expect(edge1.files.allSatisfy { $0.change == .added && $0.diff.hasPrefix("--- /dev/null\n") })
        #expect(plan.disruptions.isEmpty, "adding is never disruptive")
        #expect(PlanRenderer.text(plan, diff: false).contains("! base does not validate (1 error, 0 warnings)"))
        #expect(PlanRenderer.markdown(plan).contains("**base does not validate**"))
    }

    @Test("a node filter keeps one node; a name neither revision has is not known, and the plan has no node")
    func nodeFilter() throws {
        let head = try Self.edit(Self.base(), "bgp/sessions/transit-2.yaml", "remote_as: 65300", "remote_as: 65301")
        let both = try Self.edit(head, "wireguard/clients/bob.yaml", "HvZa87jzCTlwV37KL4gmhoqJ5/MDJq4EWcHZGF7BZCY=",
                                 "tKQyRM2LMaKMqu2qgbX8WjYOfkxSIaZ0E0Xj/+w7+UU=")
        let edge2 = Self.plan(try Self.base(), both, node: "edge-2")
        #expect(edge2.nodes.map(\.name) == ["edge-2"])
        #expect(edge2.disruptions.map(\.code) == [.sessionRemoteASChanged], "edge-1's disruption is filtered out too")
        #expect(edge2.nodeFilter == "edge-2")
        let unknown = Self.plan(try Self.base(), both, node: "edge-9")
        #expect(unknown.nodes.isEmpty && !unknown.knownNodes.contains("edge-9"))
        #expect(unknown.knownNodes == ["edge-1", "edge-2"])
    }

    @Test("a session's exports are exactly the prefixes its bird.conf export filter lets out")
    func exportsMatchBIRD() throws {
        let edits = try #require(PlanCases.all.first { $0.name == "allocation-added" }).edits
        let head = PlanFixture.compile("head", PlanFixture.applying(edits, to: try Self.base()))
        let plan = Planner.plan(base: PlanFixture.compile("base", try Self.base()), head: head)
        let bird = try #require(head.files.first { $0.path == "edge-1/bird.conf" }).contents
        let sessions = try #require(plan.nodes.first).sessions
        #expect(sessions.map(\.name) == ["peer-1", "transit-1"])
        for session in sessions {
            let symbol = "bgp_" + session.name.replacingOccurrences(of: "-", with: "_")
            let filter = bird.components(separatedBy: "filter \(symbol)_export6 {\n")[1]
                .components(separatedBy: "\n}")[0]
            let exported = filter.split(separator: "\n").filter { $0.contains("if net ~ [") }.flatMap { line in
                line.components(separatedBy: "[ ")[1].components(separatedBy: " ]")[0].components(separatedBy: ", ")
            }
            #expect(Set(exported) == Set(session.exports.after), "\(session.name)")
            #expect(session.exports.added == ["2001:db8:100:300::/56"])
        }
    }

    @Test("a client's allocation given another prefix of the pool has moved, and that is disruptive")
    func allocationMoved() throws {
        let head = try Self.edit(Self.base(), "allocations/alice.yaml", "2001:db8:100:100::/56",
                                 "2001:db8:100:400::/56")
        let plan = Self.plan(try Self.base(), head)
        let allocations = try #require(plan.nodes.first).allocations
        #expect(allocations.map(\.change) == [.moved])
        #expect(allocations.first?.prefix == "2001:db8:100:400::/56")
        #expect(allocations.first?.fields == [FieldChange(field: "prefix", before: "2001:db8:100:100::/56",
                                                          after: "2001:db8:100:400::/56")])
        #expect(plan.disruptions.map(\.code) == [.allocationMoved])
        #expect(plan.nodes.first?.summary.allocations == ChangeCounts(changed: 1))
    }

    @Test("an allocation given to another client is reassigned: the first client loses it")
    func allocationReassigned() throws {
        let head = try Self.edit(Self.base(), "allocations/carol.yaml", "client: carol", "client: bob")
        let plan = Self.plan(try Self.base(), head)
        #expect(plan.nodes.first?.allocations.map(\.change) == [.changed])
        let disruption = try #require(plan.disruptions.first)
        #expect(plan.disruptions.count == 1)
        #expect(disruption.code == .allocationReassigned)
        #expect(disruption.object == PlanObject(.allocation, "2001:db8:100:200::/64"))
        #expect(disruption.message.contains("carol loses these addresses"))
    }

    @Test("a session's neighbor, remote AS and enabled flag: each change that drops it is a disruption")
    func sessionDisruptions() throws {
        var head = try Self.edit(Self.base(), "bgp/sessions/peer-1.yaml", "neighbor: 2001:db8:ffff::2",
                                 "neighbor: 2001:db8:ffff::3")
        head = try Self.edit(head, "bgp/sessions/peer-1.yaml", "remote_as: 65200", "remote_as: 65201")
        head = try Self.edit(head, "bgp/sessions/transit-1.yaml", "hold_time: 90", "hold_time: 90\nenabled: false")
        let plan = Self.plan(try Self.base(), head)
        #expect(plan.disruptions.map(\.code) == [.sessionNeighborChanged, .sessionRemoteASChanged, .sessionDisabled])
        #expect(plan.disruptions.map(\.object.name) == ["peer-1", "peer-1", "transit-1"])
        #expect(plan.disruptions.allSatisfy { $0.node == "edge-1" })
    }

    @Test("a listen port or server key change cuts every client off; a removed node is one disruption, not many")
    func interfaceAndNodeDisruptions() throws {
        var head = try Self.edit(Self.base(), "wireguard/server-1.yaml", "listen_port: 51820", "listen_port: 51821")
        head = try Self.edit(head, "wireguard/server-1.yaml", "CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ=",
                             "FxuWS+A5+FjJBx++VQI/l0nw7r6DQM6v08/j8//C9c4=")
        for path in ["nodes/edge-2.yaml", "bgp/sessions/transit-2.yaml", "bgp/announcements/anycast-2.yaml"] {
            head[path] = nil
        }
        let plan = Self.plan(try Self.base(), head)
        #expect(plan.disruptions.map(\.code) == [.interfacePortChanged, .interfaceKeyChanged, .nodeRemoved])
        #expect(plan.disruptions[0].message.contains("its 3 clients reconnect"))
        #expect(plan.nodes.map(\.change) == [.changed, .removed])
        #expect(plan.nodes[1].sessions.map(\.change) == [.removed], "a removed node lists what goes with it")
        #expect(plan.nodes[0].files.map(\.path).contains("edge-1/clients/alice.conf"), "client configs name the port")
    }

    @Test("nothing but a comment changes: every node says no changes, and so does the plan")
    func nothingChanged() throws {
        let head = try Self.edit(Self.base(), "nodes/edge-1.yaml", "kind: Node", "# just a comment\nkind: Node")
        let plan = Self.plan(try Self.base(), head)
        #expect(!plan.hasChanges && !plan.hasDisruptions && plan.headIsValid)
        #expect(plan.nodes.map(\.change) == [.unchanged, .unchanged])
        let text = PlanRenderer.text(plan, diff: true)
        #expect(text.contains("edge-1: no changes\n") && text.contains("edge-2: no changes\n"))
        #expect(text.hasSuffix("Plan: no changes.\n"))
    }

    @Test("a secret written in clear makes head invalid, and no rendering of the plan repeats it")
    func secretsNeverAppear() throws {
        let head = try Self.edit(Self.base(), "bgp/sessions/peer-1.yaml", "hold_time: 180",
                                 "hold_time: 180\npassword: \"s3cr3t-in-clear\"")
        let plan = Self.plan(try Self.base(), head)
        #expect(plan.diagnostics.map(\.code).contains(.secretInClear))
        for output in [PlanRenderer.text(plan, diff: true), PlanRenderer.markdown(plan), PlanRenderer.json(plan)] {
            #expect(!output.contains("s3cr3t-in-clear"))
        }
    }

    @Test("a session's password secret is shown by name, a preshared key by its file's path")
    func secretReferences() throws {
        var head = try Self.edit(Self.base(), "bgp/sessions/transit-1.yaml", "password_secret: transit-1",
                                 "password_secret: transit-1-new")
        head = try Self.edit(head, "wireguard/clients/carol.yaml", "psk/carol.psk", "psk/carol-2.psk")
        let node = try #require(Self.plan(try Self.base(), head).nodes.first)
        #expect(node.sessions.first?.fields == [FieldChange(field: "password_secret", before: "transit-1",
                                                            after: "transit-1-new")])
        #expect(node.peers.first?.fields == [FieldChange(field: "preshared_key_file",
                                                         before: "/etc/wireguard/psk/carol.psk",
                                                         after: "/etc/wireguard/psk/carol-2.psk")])
    }

    @Test("the JSON is versioned and snake_case, with null for what is missing")
    func jsonShape() throws {
        let plan = Self.plan(try Self.base(), try Self.base())
        let json = try JSONSerialization.jsonObject(with: Data(PlanRenderer.json(plan).utf8))
        let object = try #require(json as? [String: Any])
        #expect(object["format_version"] as? Int == 1)
        #expect(Set(object.keys) == ["format_version", "base", "head", "compared_with_empty_base", "node_filter",
                                     "known_nodes", "diagnostics", "disruptions", "nodes", "summary"])
        #expect(object["node_filter"] is NSNull)
        #expect(PlanRenderer.json(plan).hasSuffix("}\n"))
    }

    /// The bound leaves room for a debug build on a busy machine.
    @Test("a 10,000-peer node with one key changed is planned quickly")
    func largePlan() throws {
        let base = PlanFixture.compile("base", try PlanFixture.withClients(10_000))
        let head = PlanFixture.compile("head", try PlanFixture.withClients(10_000) {
            $0 == 5_000 ? PlanFixture.key($0, variant: 1) : PlanFixture.key($0)
        })
        #expect(base.isValid && head.isValid)
        let clock = ContinuousClock()
        var plan: Plan?
        let elapsed = clock.measure { plan = Planner.plan(base: base, head: head) }
        let node = try #require(plan?.nodes.first)
        #expect(node.peers.map(\.client) == ["c5000"])
        #expect(node.files.map(\.path) == ["edge-1/wireguard/wg0.conf"])
        #expect(plan?.disruptions.map(\.code) == [.peerKeyChanged])
        #expect(elapsed < .seconds(3), "took \(elapsed)")
    }
}
