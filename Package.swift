// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wgc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wgc", targets: ["wgc"]),
        .library(name: "Compiler", targets: ["Compiler"]),
        .library(name: "Git", targets: ["Git"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CLibMnl",
            pkgConfig: "libmnl",
            providers: [.apt(["libmnl-dev"])]
        ),
        .systemLibrary(
            name: "CNettle",
            pkgConfig: "nettle",
            providers: [.apt(["nettle-dev"])]
        ),
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .target(name: "YAML", dependencies: ["CLibYAML"]),
        .target(name: "QRCode", dependencies: ["CQREncode", "CLibPNG"]),
        .target(name: "Sodium", dependencies: ["CSodium"]),
        .target(name: "Nettle", dependencies: ["CNettle"]),
        .target(name: "Compiler", dependencies: ["YAML", "Sodium", "Nettle"]),
        .target(name: "Git", dependencies: ["CLibGit2", "Compiler"]),
        .target(name: "Netlink", dependencies: ["CLibMnl", "Compiler"]),
        .target(name: "WireGuard", dependencies: ["Netlink", "Compiler"]),
        .target(name: "BIRD"),
        .target(
            name: "Agent",
            dependencies: [
                "Compiler", "Git", "WireGuard", "BIRD", "Netlink", .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "API",
            dependencies: [
                "Compiler", "Git", "BIRD", "Sodium", "YAML", "QRCode", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .executableTarget(
            name: "wgc",
            dependencies: [
                "Compiler", "Git", "Agent", "API", "Sodium", .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "wgc-bench", dependencies: ["Compiler", "Git"]),
        .testTarget(
            name: "WGCTests",
            dependencies: [
                "Compiler", "Git", "YAML", "Sodium", "Nettle", "Netlink", "WireGuard", "BIRD", "Agent", "API",
                "QRCode",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
