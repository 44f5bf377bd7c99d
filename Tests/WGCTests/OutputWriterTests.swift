@testable import Compiler
import Foundation
import Testing

@Suite("Writing the output folder")
struct OutputWriterTests {
    static func modified(_ path: String) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
    }

    @Test("afterwards the folder holds exactly the compiled files; unchanged ones are not rewritten")
    func writesExactlyTheCompiledFiles() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let first = [CompiledFile(path: "n1/a.conf", contents: "a\n"), CompiledFile(path: "n1/clients/b.conf", contents: "b\n"),
                     CompiledFile(path: "n2/c.conf", contents: "c\n")]
        #expect(try OutputWriter.write(first, to: out) == OutputWriter.Summary(written: 3, unchanged: 0, removed: 0))
        let untouched = try Self.modified(out + "/n1/a.conf")
        // Time stamps have a granularity; make sure a rewrite would show.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1)], ofItemAtPath: out + "/n1/a.conf")
        let second = [CompiledFile(path: "n1/a.conf", contents: "a\n"), CompiledFile(path: "n2/c.conf", contents: "changed\n")]
        #expect(try OutputWriter.write(second, to: out) == OutputWriter.Summary(written: 1, unchanged: 1, removed: 1))
        #expect(try Self.modified(out + "/n1/a.conf") == Date(timeIntervalSince1970: 1), "an unchanged file is left alone")
        #expect(untouched > Date(timeIntervalSince1970: 1))
        #expect(try String(contentsOfFile: out + "/n2/c.conf", encoding: .utf8) == "changed\n")
        #expect(!FileManager.default.fileExists(atPath: out + "/n1/clients/b.conf"), "a file no longer generated is removed")
        #expect(!FileManager.default.fileExists(atPath: out + "/n1/clients"), "and its emptied folder")
    }

    @Test("a file edited by hand is noticed and rewritten, even when only its length matches")
    func rewritesEditedFiles() throws {
        let folder = try TemporaryFolder()
        let out = folder.path + "/out"
        let files = [CompiledFile(path: "n1/a.conf", contents: "abc\n")]
        try OutputWriter.write(files, to: out)
        try "abd\n".write(toFile: out + "/n1/a.conf", atomically: false, encoding: .utf8)
        #expect(try OutputWriter.write(files, to: out).written == 1)
        try "abc\nmore\n".write(toFile: out + "/n1/a.conf", atomically: false, encoding: .utf8)
        #expect(try OutputWriter.write(files, to: out).written == 1)
        #expect(try String(contentsOfFile: out + "/n1/a.conf", encoding: .utf8) == "abc\n")
    }

    @Test("a non-empty folder wgc did not write is refused and left as it was")
    func refusesForeignFolders() throws {
        let folder = try TemporaryFolder()
        let mine = try folder.write("etc/important.conf", "keep me")
        #expect(throws: SourceError.self) {
            try OutputWriter.write([CompiledFile(path: "n1/a.conf", contents: "a")], to: folder.path + "/etc")
        }
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "keep me")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/etc/n1"))
    }
}
