/// BGP: the node's sessions with what each exports, and its announcements.
extension NodeComparison {
    mutating func compareBGP() {
        let sessions = sides(\.sessions)
        let (old, new) = (before, after)
        plan.sessions = ObjectDifference.compare(sessions.before, sessions.after, key: \.name, fields: Self.fields)
            .compactMap { difference in
                let exports = SessionChange.Exports(before: difference.before.map { old!.exports(of: $0) } ?? [],
                                                    after: difference.after.map { new!.exports(of: $0) } ?? [])
                guard difference.change != .unchanged || exports.isChanged else { return nil }
                let change = difference.change == .unchanged ? ChangeKind.changed : difference.change
                return SessionChange(name: difference.key, change: change, fields: difference.fields, exports: exports)
            }
        let announcements = sides(\.announcements)
        plan.announcements = ObjectDifference.compare(announcements.before, announcements.after, key: \.name,
                                                      fields: Self.fields)
            .filter { $0.change != .unchanged }
            .map { AnnouncementChange(name: $0.key, change: $0.change, fields: $0.fields) }
    }

    static func fields(_ session: BGPSession) -> FieldList {
        var list = FieldList()
        list.add("neighbor", session.neighbor)
        list.add("remote_as", Int(session.remoteAS))
        list.add("hold_time", session.holdTime, usual: 90)
        list.add("password_secret", session.passwordSecret)
        list.add("enabled", session.enabled, usual: true)
        list.add("max_prefixes", session.maxPrefixes)
        list.add("max_prefix_action", session.maxPrefixes == nil ? nil : session.maxPrefixAction.rawValue)
        list.add("multihop", session.multihop)
        list.add("source_address", session.sourceAddress)
        list.add("accept_default", session.acceptDefault, usual: false)
        list.add("route_server", session.routeServer, usual: false)
        list.add("description", session.description)
        return list
    }

    static func fields(_ announcement: BGPAnnouncement) -> FieldList {
        var list = FieldList()
        list.add("prefix", announcement.prefix)
        list.add("asn", Int(announcement.asn))
        list.add("next_hop", announcement.nextHop)
        list.add("session", announcement.session)
        list.add("enabled", announcement.enabled, usual: true)
        list.add("description", announcement.description)
        return list
    }
}
