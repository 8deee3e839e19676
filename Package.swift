// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cvbuild",
    products: [
        .library(name: "CVBuildKit", targets: ["CVBuildKit"]),
        .executable(name: "cvbuild", targets: ["cvbuild"]),
    ],
    targets: [
        .target(name: "CVModel"),
        .target(name: "CVRender", dependencies: ["CVModel"]),
        .target(name: "CVBuildKit", dependencies: ["CVModel", "CVRender"]),
        .executableTarget(name: "cvbuild", dependencies: ["CVBuildKit"]),
        .testTarget(name: "CVModelTests", dependencies: ["CVModel"]),
        .testTarget(name: "CVRenderTests", dependencies: ["CVRender"], exclude: ["Fixtures"]),
        .testTarget(name: "CVBuildKitTests", dependencies: ["CVBuildKit"]),
    ]
)
