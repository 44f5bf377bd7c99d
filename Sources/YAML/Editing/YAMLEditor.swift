/// Edits one document of a YAML file in place: sets, adds or removes top-level fields, or removes the whole
/// document. Every byte the edit does not need to touch (comments, order, blank lines, other documents) stays.
public struct YAMLEditor: Sendable {
    public private(set) var bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Why an edit cannot be made in place.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Sets the document's fields (nil removes one), the one at `rootMark`, in the order given: a field the
    /// document has is replaced where it stands, a new one goes after its last field.
    public mutating func edit(documentAt rootMark: Mark, setting fields: [(key: String, value: YAMLValue?)]) throws {
        for (key, value) in fields {
            let document = try document(at: rootMark)
            guard document.isBlockMapping else {
                throw Refusal(description: "the document at line \(rootMark.line) is not a block mapping; edit it by hand")
            }
            if let field = document.field(key) {
                let end = valueEnd(of: field)
                if let value {
                    replace(field.keySpan.end..<end, with: ": " + value.rendered)
                } else {
                    remove(lineRangeOf: field.keySpan.start..<end)
                }
            } else if let value, let last = document.fields.last {
                let indent = String(repeating: " ", count: column(of: document.fields[0].keySpan.start))
                let lineEnd = endOfLine(from: valueEnd(of: last))
                let text = "\n" + indent + key + ": " + value.rendered
                replace(lineEnd..<lineEnd, with: text)
            }
        }
    }

    /// Removes the document at `rootMark`: its `---` line and everything up to the next document. Comments
    /// before the first document stay.
    public mutating func removeDocument(at rootMark: Mark) throws {
        let layout = try YAMLLayout.read(bytes)
        guard let index = layout.documents.firstIndex(where: { $0.rootMark == rootMark }) else {
            throw Refusal(description: "no document starts at line \(rootMark.line), column \(rootMark.column)")
        }
        let document = layout.documents[index]
        let start = document.isExplicit ? startOfLine(document.span.start) : startOfLine(document.rootStart)
        var end = document.span.end
        if !document.isExplicit, index + 1 < layout.documents.count {
            // The next document loses its `---`: it becomes the file's implicit first document.
            end = min(bytes.count, endOfLine(from: layout.documents[index + 1].span.start) + 1)
        }
        replace(start..<end, with: "")
    }

    /// How many documents the file has, empty ones included.
    public func documentCount() throws -> Int {
        try YAMLLayout.read(bytes).documents.count
    }

    private func document(at rootMark: Mark) throws -> YAMLLayout.Document {
        guard let document = try YAMLLayout.read(bytes).documents.first(where: { $0.rootMark == rootMark }) else {
            throw Refusal(description: "no document starts at line \(rootMark.line), column \(rootMark.column)")
        }
        return document
    }

    private mutating func replace(_ range: Range<Int>, with text: String) {
        bytes.replaceSubrange(range, with: Array(text.utf8))
    }

    /// Removes the lines a field covers when nothing else shares them; only the field otherwise.
    private mutating func remove(lineRangeOf range: Range<Int>) {
        let lineStart = startOfLine(range.lowerBound)
        let before = bytes[lineStart..<range.lowerBound]
        guard before.allSatisfy({ $0 == UInt8(ascii: " ") }) else {
            replace(range, with: "")
            return
        }
        let lineEnd = endOfLine(from: range.upperBound)
        replace(lineStart..<min(bytes.count, lineEnd + 1), with: "")
    }

    private func startOfLine(_ offset: Int) -> Int {
        var index = min(offset, bytes.count)
        while index > 0, bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
        return index
    }

    /// The offset of the newline ending the line that holds `offset` (or the file's end).
    private func endOfLine(from offset: Int) -> Int {
        var index = max(0, min(offset, bytes.count))
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }

    /// An empty value (`key:`) is reported where the next token starts, possibly lines later: it ends at the colon.
    private func valueEnd(of field: YAMLLayout.Field) -> Int {
        guard field.valueSpan.start == field.valueSpan.end else { return field.valueSpan.end }
        var index = field.keySpan.end
        while index < bytes.count, bytes[index] != UInt8(ascii: ":") { index += 1 }
        return min(bytes.count, index + 1)
    }

    private func column(of offset: Int) -> Int {
        offset - startOfLine(offset)
    }
}
