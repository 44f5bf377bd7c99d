import Foundation
@testable import Netlink
import Testing

@Suite("netlink attributes and messages, byte for byte")
struct NetlinkAttributeTests {
    @Test("integers are little-endian after a 4-byte header and padded to 4 bytes")
    func integers() {
        var writer = NetlinkAttributeWriter()
        writer.append(1, u8: 0x07)
        writer.append(2, u16: 0x0102)
        writer.append(3, u32: 0x0102_0304)
        writer.append(4, u64: 0x0102_0304_0506_0708)
        #expect(writer.bytes == [
            5, 0, 1, 0, 0x07, 0, 0, 0,
            6, 0, 2, 0, 0x02, 0x01, 0, 0,
            8, 0, 3, 0, 0x04, 0x03, 0x02, 0x01,
            12, 0, 4, 0, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
        ])
    }

    @Test("strings end in NUL, which the length counts, and the padding does not")
    func strings() {
        var writer = NetlinkAttributeWriter()
        writer.append(2, string: "wg0")
        writer.append(2, string: "wg01")
        #expect(writer.bytes == [
            8, 0, 2, 0, 0x77, 0x67, 0x30, 0,
            9, 0, 2, 0, 0x77, 0x67, 0x30, 0x31, 0, 0, 0, 0,
        ])
    }

    @Test("a nest is flagged NLA_F_NESTED and its length covers its padded children")
    func nested() {
        var writer = NetlinkAttributeWriter()
        writer.appendNested(9) { inner in
            inner.append(1, u8: 0xAA)
            inner.append(2, string: "a")
        }
        #expect(writer.bytes == [
            20, 0, 9, 0x80,
            5, 0, 1, 0, 0xAA, 0, 0, 0,
            6, 0, 2, 0, 0x61, 0, 0, 0,
        ])
    }

    @Test("what the writer writes, the parser reads back, nests and all")
    func roundTrip() throws {
        var writer = NetlinkAttributeWriter()
        writer.append(1, u32: 51820)
        writer.appendNested(8) { peers in
            peers.appendNested(0) { peer in
                peer.append(1, bytes: [UInt8](repeating: 0x42, count: 32))
                peer.append(5, u16: 25)
            }
        }
        writer.append(2, string: "wg0")
        let attributes = try NetlinkAttribute.parse(writer.bytes)
        #expect(attributes.map(\.type) == [1, 8, 2])
        #expect(attributes.first(1)?.u32 == 51820)
        #expect(attributes.first(2)?.string == "wg0")
        let peers = try #require(attributes.first(8))
        #expect(peers.isNested)
        let peer = try #require(try peers.nested().first)
        #expect(peer.type == 0)
        let fields = try peer.nested()
        #expect(fields.first(1)?.value == [UInt8](repeating: 0x42, count: 32))
        #expect(fields.first(5)?.u16 == 25)
        #expect(fields.first(5)?.u32 == nil)
    }

    @Test("an attribute that claims more bytes than remain is a protocol error, not a crash")
    func truncated() {
        let error = #expect(throws: NetlinkError.self) { try NetlinkAttribute.parse([12, 0, 1, 0, 1, 2, 3, 4]) }
        #expect(error?.code == EPROTO)
        #expect(error?.message?.contains("claims 12 bytes, 8 remain") == true)
    }

    @Test("a message is a 16-byte header whose length counts the payload unpadded")
    func messageLayout() throws {
        let message = NetlinkMessage(type: 16, flags: [.request, .acknowledge], sequence: 7, portID: 0,
                                     payload: [1, 2, 3])
        let bytes = message.encoded()
        #expect(bytes == [19, 0, 0, 0, 16, 0, 5, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0])
        #expect(try NetlinkMessage.parse(bytes) == [message])
    }

    @Test("an error acknowledgement yields the errno and the kernel's extended-ack message")
    func extendedAcknowledgement() throws {
        var payload: [UInt8] = [0xEF, 0xFF, 0xFF, 0xFF]  // -17, EEXIST
        payload += NetlinkMessage(type: 20, payload: []).encoded()  // the request's header, capped
        var tlvs = NetlinkAttributeWriter()
        tlvs.append(1, string: "Address already assigned")
        payload += tlvs.bytes
        let reply = NetlinkMessage(type: 2, flags: NetlinkMessage.Flags(rawValue: 0x300), payload: payload)
        let acknowledgement = try NetlinkAcknowledgement(reply)
        #expect(acknowledgement.code == EEXIST)
        #expect(acknowledgement.message == "Address already assigned")
        let error = NetlinkError(operation: "adding 2001:db8::1/64 to wg0", code: acknowledgement.code,
                                 message: acknowledgement.message)
        #expect(error.description
            == "adding 2001:db8::1/64 to wg0: File exists (EEXIST): Address already assigned")
    }
}
