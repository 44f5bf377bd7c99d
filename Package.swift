// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wgc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "wgc", targets: ["wgc"]),
        .library(name: "Compiler", targets: ["Compiler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
            name: "CNettle",
            pkgConfig: "nettle",
            providers: [.apt(["nettle-dev"])]
        ),
        .target(name: "YAML", dependencies: ["CLibYAML"]),
        .target(name: "Sodium", dependencies: ["CSodium"]),
        .target(name: "Nettle", dependencies: ["CNettle"]),
        .target(name: "Compiler", dependencies: ["YAML", "Sodium", "Nettle"]),
        .target(name: "Agent", dependencies: ["Compiler"]),
        .target(name: "API", dependencies: ["Compiler"]),
        .executableTarget(
            name: "wgc",
            dependencies: [
                "Compiler", "Agent", "API", "Sodium",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CompilerTests",
            dependencies: [
                "Compiler", "YAML", "Sodium", "Nettle",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
    ]
)
