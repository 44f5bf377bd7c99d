import Compiler
import Netlink

/// Packs one set-device's peers into messages of at most `limit` attribute bytes, as wg(8) does for a large
/// change. The device's own fields go in the first message only. A peer stays whole whenever it fits in a message;
/// only a peer whose allowed IPs overflow a message on their own is split, the rest of its allowed IPs continuing
/// in the next message under the same key with `WGPEER_F_UPDATE_ONLY` and no other field, so nothing is replaced
/// twice.
struct SetDeviceSplitter {
    let limit: Int

    init(limit: Int) {
        // A name, a peer's every fixed field and one IPv6 allowed IP take under 256 bytes; a nest holds 65,535.
        precondition((256...65535).contains(limit), "a set-device message limit is 256 to 65535 bytes")
        self.limit = limit
    }

    /// `device`'s fields and `peers`, in order, as messages; none when there is nothing to set.
    func split(_ device: WireGuardNetlinkDevice, peers: [WireGuardNetlinkPeer]) -> [WireGuardNetlinkDevice] {
        let empty = WireGuardNetlinkDevice(interfaceName: device.interfaceName, interfaceIndex: device.interfaceIndex)
        var messages: [WireGuardNetlinkDevice] = []
        var current = device
        var used = EncodedSize.device(device)
        func startMessage() {
            messages.append(current)
            current = empty
            used = EncodedSize.device(empty)
        }
        for peer in peers {
            var pending = peer
            while true {
                let nest = current.peers.isEmpty ? EncodedSize.header : 0
                let whole = EncodedSize.peer(pending)
                if used + nest + whole <= limit {
                    current.peers.append(pending)
                    used += nest + whole
                    break
                }
                if EncodedSize.device(empty) + EncodedSize.header + whole <= limit {
                    startMessage()
                    continue
                }
                let room = limit - used - nest - EncodedSize.peerFields(pending) - EncodedSize.header
                let count = fitting(pending.allowedIPs, in: room)
                guard count > 0 else {
                    precondition(current != empty, "one allowed IP does not fit in an empty message")
                    startMessage()
                    continue
                }
                var head = pending
                head.allowedIPs = Array(pending.allowedIPs.prefix(count))
                current.peers.append(head)
                pending = WireGuardNetlinkPeer(publicKey: pending.publicKey, updateOnly: true,
                                               allowedIPs: Array(pending.allowedIPs.dropFirst(count)))
                startMessage()
            }
        }
        if current != empty { messages.append(current) }
        return messages
    }

    /// How many of `prefixes`, from the first, fit in `room` bytes.
    private func fitting(_ prefixes: [IPPrefix], in room: Int) -> Int {
        var left = room
        for (index, prefix) in prefixes.enumerated() {
            left -= EncodedSize.allowedIP(prefix)
            if left < 0 { return index }
        }
        return prefixes.count
    }
}
