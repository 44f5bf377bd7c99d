extension OpenAPISchemas {
    /// Errors, login, users and the audit log.
    static let access: [String: OpenAPIValue] = [
        "Error": Schema.object([
            "detail": Schema.string,
            "error_code": Schema.string,
            "timestamp": Schema.dateTime,
            "diagnostics": Schema.array(Schema.ref("Diagnostic")),
        ], required: ["detail", "error_code", "timestamp"]),
        "Diagnostic": Schema.object([
            "code": Schema.string, "severity": Schema.string, "message": Schema.string, "file": Schema.string,
            "line": Schema.integer, "column": Schema.integer,
        ]),
        "LoginRequest": Schema.object(["username": Schema.string, "password": Schema.string]),
        "Tokens": Schema.object([
            "access_token": Schema.string, "token_type": Schema.enum(["bearer"]), "expires_in": Schema.integer,
            "refresh_token": Schema.string, "user": Schema.ref("LoginUser"),
        ]),
        "LoginUser": Schema.object([
            "id": Schema.uuid, "username": Schema.string, "email": Schema.nullable(Schema.string),
            "is_active": Schema.boolean, "is_superuser": Schema.boolean,
        ]),
        "User": Schema.object([
            "id": Schema.uuid, "username": Schema.string, "email": Schema.nullable(Schema.string),
            "is_active": Schema.boolean, "is_superuser": Schema.boolean,
            "last_login": Schema.nullable(Schema.dateTime), "created_at": Schema.dateTime,
            "updated_at": Schema.dateTime,
        ]),
        "UserCreate": Schema.object([
            "username": Schema.string, "email": Schema.nullable(Schema.string), "password": Schema.string,
            "is_active": Schema.nullable(Schema.boolean), "is_superuser": Schema.nullable(Schema.boolean),
        ], required: ["username", "password"]),
        "UserUpdate": Schema.object([
            "email": Schema.nullable(Schema.string), "password": Schema.nullable(Schema.string),
            "is_active": Schema.nullable(Schema.boolean), "is_superuser": Schema.nullable(Schema.boolean),
        ], required: []),
        "AuditEntry": Schema.object([
            "id": Schema.integer, "timestamp": Schema.dateTime, "user": Schema.nullable(Schema.string),
            "action": Schema.enum(AuditAction.allCases.map(\.rawValue)), "address": Schema.nullable(Schema.string),
            "method": Schema.nullable(Schema.string), "route": Schema.nullable(Schema.string),
            "resource": Schema.nullable(Schema.string), "detail": Schema.nullable(Schema.string),
            "commit": Schema.nullable(Schema.string),
        ]),
    ]
}
