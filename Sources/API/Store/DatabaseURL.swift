import Foundation

/// A PostgreSQL database as `--database` names it: `postgres://user:password@host:port/database`, optionally
/// `?sslmode=disable|prefer|require` (prefer unless said). The password is kept for connecting and appears in
/// no description.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, with libpq's names.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    /// Why a `--database` value is not a PostgreSQL URL; it never repeats the password.
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw Problem(description: "--database must be a URL postgres://user:password@host:port/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw Problem(description: "--database names no host: postgres://user:password@HOST:port/database")
        }
        guard let username = components.user, !username.isEmpty else {
            throw Problem(description: "--database names no user: postgres://USER:password@host:port/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw Problem(description: "--database names no database: postgres://user:password@host:port/DATABASE")
        }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw Problem(description: "--database: unknown parameter '\(item.name)=\(item.value ?? "")'; "
                              + "the one known is sslmode=disable|prefer|require")
            }
            tls = mode
        }
        // A literal IPv6 address comes bracketed; the connection wants it bare.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? 5432
        self.username = username.removingPercentEncoding ?? username
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
    }

    /// `host:port`, an IPv6 address bracketed.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `postgres://user@host:port/database`, without the password.
    public var description: String { "postgres://\(username)@\(address)/\(database)" }
}
