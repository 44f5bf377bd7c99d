// swift-tools-version:6.0
// The floor of the API benchmark (benchmarks/api.py --phase floor): a bare Hummingbird application that answers
// GET /api/v1/status/health with the bytes wgc answers, and nothing else — no middleware, no other route.
import PackageDescription

let package = Package(
    name: "floor",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(name: "floor", dependencies: [.product(name: "Hummingbird", package: "hummingbird")]),
    ]
)
