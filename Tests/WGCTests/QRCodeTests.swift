import Foundation
import QRCode
import Testing

/// QR codes are PNG files a phone can scan: 1-bit greyscale, the symbol with its quiet zone, made in memory.
@Suite("QR codes")
struct QRCodeTests {
    static let text = """
        [Interface]
        PrivateKey = <private key of alice>
        Address = 10.0.0.2/32, fd00:1234::2/128

        [Peer]
        PublicKey = CVOB2rp3R9Y8ALzQapaAIyTIpGtnErJB5eRKQCSEwHQ=
        Endpoint = edge-1.example.net:51820
        AllowedIPs = 0.0.0.0/0, ::/0

        """

    /// The fields of a PNG's IHDR chunk, which must come first after the signature.
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: UInt8
        var colorType: UInt8
        var interlace: UInt8

        init(_ png: [UInt8]) throws {
            try #require(png.count > 33)
            #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "the PNG signature")
            #expect(Array(png[8..<16]) == [0, 0, 0, 13] + Array("IHDR".utf8), "IHDR first, 13 bytes long")
            func number(_ at: Int) -> Int { png[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            width = number(16)
            height = number(20)
            bitDepth = png[24]
            colorType = png[25]
            interlace = png[28]
        }
    }

    @Test("a PNG with a sane IHDR: square, 1-bit greyscale, whole 8-pixel modules around a valid symbol size")
    func pngHeader() throws {
        let png = try QRCode.png(of: Self.text)
        let header = try Header(png)
        #expect(header.width == header.height)
        #expect(header.bitDepth == 1)
        #expect(header.colorType == 0, "greyscale")
        #expect(header.interlace == 0)
        #expect(header.width % QRCode.defaultModuleSize == 0)
        let modules = header.width / QRCode.defaultModuleSize - 2 * QRCode.quietZone
        #expect((21...177).contains(modules) && (modules - 17) % 4 == 0, "\(modules) modules is no QR version")
        #expect(Array(png.suffix(8)) == Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82], "ends with IEND")
    }

    @Test("the module size scales the image")
    func moduleSize() throws {
        let small = try Header(try QRCode.png(of: Self.text, moduleSize: 2))
        let large = try Header(try QRCode.png(of: Self.text, moduleSize: 10))
        #expect(large.width == small.width * 5)
    }

    @Test("the same text gives the same bytes")
    func reproducible() throws {
        #expect(try QRCode.png(of: Self.text) == QRCode.png(of: Self.text))
    }

    @Test("text longer than the largest symbol holds is a tooLong error naming the limit",
          arguments: ErrorCorrection.allCases)
    func tooLong(_ correction: ErrorCorrection) throws {
        #expect(throws: Never.self) {
            _ = try QRCode.png(of: String(repeating: "a", count: correction.capacity), correction: correction,
                               moduleSize: 1)
        }
        let error = #expect(throws: QRCodeError.self) {
            try QRCode.png(of: String(repeating: "a", count: correction.capacity + 1), correction: correction)
        }
        #expect(error?.code == .tooLong)
        #expect(error?.message.contains("at most \(correction.capacity)") == true, "\(String(describing: error))")
    }

    @Test("empty text is an error, not an empty image")
    func empty() {
        #expect(throws: QRCodeError(.empty, "there is nothing to encode")) { try QRCode.png(of: "") }
    }

    @Test("the data URI is the PNG in base64")
    func dataURI() throws {
        let uri = try QRCode.pngDataURI(of: Self.text)
        let prefix = "data:image/png;base64,"
        #expect(uri.hasPrefix(prefix))
        let decoded = try #require(Data(base64Encoded: String(uri.dropFirst(prefix.count))))
        #expect([UInt8](decoded) == (try QRCode.png(of: Self.text)))
    }

    @Test("zbarimg reads back exactly the text")
    func decodes() throws {
        let text = try #require(Self.decode(try QRCode.png(of: Self.text)))
        #expect(Array(text.utf8) == Array(Self.text.utf8))
    }

    /// What `zbarimg --raw` reads from `png`, without the newline it ends its output with. zbarimg (Debian's
    /// zbar-tools, which scripts/install-deps installs) must be there: CI has it, so a missing one fails.
    static func decode(_ png: [UInt8]) throws -> String? {
        try #require(Programs.path("zbarimg") != nil, "zbarimg is missing: install zbar-tools (scripts/install-deps)")
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("code.png")
        try Data(png).write(to: file)
        let output = try Programs.run(["zbarimg", "--raw", "-q", file.path])
        #expect(output.status == 0, "\(output.combined)")
        guard output.status == 0, output.stdout.hasSuffix("\n") else { return nil }
        return String(output.stdout.dropLast())
    }
}
