// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cvbuild",
    products: [
        .library(name: "CVBuildKit", targets: ["CVBuildKit"]),
        .library(name: "CVModel", targets: ["CVModel"]),
        .executable(name: "cvbuild", targets: ["cvbuild"]),
        .executable(name: "hexu-zhao-cv", targets: ["hexu-zhao-cv"]),
        .executable(name: "cvbuild-bench", targets: ["cvbuild-bench"]),
    ],
    targets: [
        .target(name: "CVModel"),
        .target(name: "CVDocument", dependencies: ["CVModel"]),
        .target(name: "CVRender", dependencies: ["CVModel", "CVDocument"]),
        .target(name: "CSandbox"),
        .target(name: "CVBuildKit", dependencies: ["CVModel", "CVDocument", "CVRender", "CSandbox"]),
        .executableTarget(name: "cvbuild", dependencies: ["CVBuildKit"]),
        .target(name: "ExampleCVs", dependencies: ["CVModel"]),
        .executableTarget(name: "hexu-zhao-cv", dependencies: ["CVBuildKit", "ExampleCVs"]),
        .executableTarget(name: "cvbuild-bench", dependencies: ["CVBuildKit", "CVModel", "CVRender"]),
        .testTarget(name: "CVModelTests", dependencies: ["CVModel"], exclude: ["Fixtures"]),
        .testTarget(name: "CVDocumentTests", dependencies: ["CVDocument", "CVModel"]),
        .testTarget(name: "CVRenderTests", dependencies: ["CVRender", "CVDocument"], exclude: ["Fixtures"]),
        .testTarget(name: "CVBuildKitTests", dependencies: ["CVBuildKit", "ExampleCVs"]),
    ]
)
