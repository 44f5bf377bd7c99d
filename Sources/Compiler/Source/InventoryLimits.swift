import YAML

/// The most wgc reads of an inventory, so that a crafted file from anyone's branch gets a diagnostic instead of
/// exhausting the stack, memory or time. Every `InventorySource` checks a file's size against these before it
/// reads the file (`file(path:size:read:)`); the loader applies the rest while parsing.
public enum InventoryLimits {
    /// An inventory file (YAML, or VRPs under `rpki/`) larger than this is not read: it is reported as
    /// `file-too-large` at its line 1, column 1, and the other files are still checked.
    public static let maxFileBytes = 64 << 20
    /// A validator's full VRP export given with `--vrps` (~100 MB today) larger than this is an I/O error.
    public static let maxVRPExportBytes = 1 << 30
    /// The longest YAML scalar: `scalar-too-large`.
    public static let maxScalarBytes = 1 << 20
    /// The most YAML nodes (scalars, lists, mappings, aliases) one file may write out: `file-too-large` at the
    /// node past it. A client takes about 20; parsing a million takes about half a second and 60 MB.
    public static let maxNodesPerFile = 1_000_000
    /// The deepest nesting of YAML collections (through aliases too) or JSON values: `nesting-too-deep`.
    public static let maxNestingDepth = 256
    /// What aliases may repeat in one YAML file, in nodes plus bytes of text: `alias-expansion-too-large`.
    public static let maxAliasExpansion = 4 << 20

    /// The file a source hands the loader for `path` (relative to the inventory root), `size` bytes long:
    /// what `read` returns when `size` is within `maxFileBytes`, else a file without bytes, never read, that
    /// the loader reports as `file-too-large`.
    public static func file(path: String, size: Int, read: () throws -> [UInt8]) rethrows -> SourceFile {
        guard size <= maxFileBytes else { return SourceFile(path: path, refusedSize: size) }
        return SourceFile(path: path, bytes: try read())
    }

    static let yaml = YAMLLimits(maxDepth: maxNestingDepth, maxScalarBytes: maxScalarBytes, maxNodes: maxNodesPerFile,
                                 maxAliasExpansion: maxAliasExpansion)
}
