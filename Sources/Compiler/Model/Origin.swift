import YAML

/// Where a resource came from: its file, where its document starts, and where each of its fields' values is,
/// so that validation can point at the exact value that is wrong.
public struct Origin: Sendable, Hashable {
    public var file: String
    public var mark: Mark
    /// Few per resource, so a list beats a dictionary.
    public var fieldMarks: [FieldMark]

    public init(file: String, mark: Mark, fieldMarks: [FieldMark] = []) {
        self.file = file
        self.mark = mark
        self.fieldMarks = fieldMarks
    }

    /// The location of `field`'s value, or of the resource when the field is absent.
    public func location(_ field: String? = nil) -> FileLocation {
        let place = field.flatMap { name in fieldMarks.first { $0.name == name }?.mark } ?? mark
        return FileLocation(file: file, line: place.line, column: place.column)
    }

    public var location: FileLocation { location(nil) }

    public struct FieldMark: Sendable {
        public var name: String
        public var mark: Mark
    }

    public static func == (lhs: Origin, rhs: Origin) -> Bool { lhs.file == rhs.file && lhs.mark == rhs.mark }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(mark)
    }
}
