/// Why a YAML file could not be read, with the place: a syntax error libyaml reported, or a limit passed.
public struct YAMLError: Error, Sendable, Equatable {
    public enum Code: Sendable, Equatable {
        case syntax
        /// Collections nested deeper than `YAMLLimits.maxDepth`, directly or through an alias.
        case nestingTooDeep
        /// A scalar longer than `YAMLLimits.maxScalarBytes`.
        case scalarTooLarge
        /// More nodes than `YAMLLimits.maxNodes`.
        case tooManyNodes
        /// Aliases repeat more than `YAMLLimits.maxAliasExpansion` ("billion laughs").
        case aliasExpansionTooLarge
    }

    public var code: Code
    public var message: String
    public var mark: Mark

    public init(_ code: Code, _ message: String, at mark: Mark) {
        self.code = code
        self.message = message
        self.mark = mark
    }
}
