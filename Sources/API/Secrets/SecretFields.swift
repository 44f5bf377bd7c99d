import Compiler
import YAML

/// How the write routes take secrets: keys the server makes for a WireGuard peer created without one, and a BGP
/// password turned into a secret file and the `password_secret` that names it.
extension SecretStore {
    /// A create body without `public_key` gets one the server made (its private key sealed in the state folder).
    func generatingKey(_ body: ResourceBody) throws -> ResourceBody {
        guard body["public_key"] == nil || body["public_key"] == .null else { return body }
        return body.setting("public_key", to: .string(try generateWireGuardKey()))
    }

    /// A session's fields with `password` stored as `secrets/bgp/NAME.conf` and replaced by `password_secret: NAME`
    /// (NAME: the session's existing secret, else its name); `null` removes the reference.
    func sessionFields(_ body: ResourceBody, base: WriteBase, updating id: String?) throws
        -> [(key: String, value: YAMLValue?)] {
        var fields = try body.yamlFields(excluding: ["password"])
        guard let password = body["password"] else { return fields }
        guard case .string(let text) = password else {
            if password == .null { fields.append((key: "password_secret", value: nil)) }
            else { throw APIError(.unprocessableContent, "VALIDATION_FAILED", "'password' must be a text") }
            return fields
        }
        let sessions = base.inventory.sessions
        let name: String
        if let id {
            guard let session = sessions.first(where: { $0.id == id.lowercased() }) else {
                throw APIError.notFound("no BGP session has id '\(id)'")
            }
            name = session.passwordSecret ?? session.name
        } else {
            guard let given = body["name"]?.text, Names.isValid(given) else { return fields }  // the compiler says why
            guard !sessions.contains(where: { $0.name == given || $0.passwordSecret == given }) else {
                throw APIError(.conflict, "ALREADY_EXISTS", "a BGP session '\(given)' or its secret already exists")
            }
            name = given
        }
        try storeBGPPassword(text, name: name)
        fields.append((key: "password_secret", value: .string(name)))
        return fields
    }
}
