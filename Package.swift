// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "cvbuild",
    products: [
        .library(name: "CVBuildKit", targets: ["CVBuildKit"]),
        .library(name: "CVModel", targets: ["CVModel"]),
        .library(name: "CVBuildCLI", targets: ["CVBuildCLI"]),
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
        .target(name: "CVBuildCLI", dependencies: ["CVBuildKit", "CVModel", "CVRender"]),
        .executableTarget(name: "cvbuild", dependencies: ["CVBuildCLI"]),
        .target(name: "ExampleCVs", dependencies: ["CVModel"]),
        .executableTarget(name: "hexu-zhao-cv", dependencies: ["CVBuildCLI", "ExampleCVs"]),
        .executableTarget(name: "cvbuild-bench", dependencies: ["CVBuildKit", "CVModel", "CVRender"]),
        .target(name: "CVTestRandom", path: "Tests/CVTestRandom"),
        .testTarget(name: "CVModelTests", dependencies: ["CVModel", "CVTestRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "CVDocumentTests", dependencies: ["CVDocument", "CVModel"]),
        .testTarget(name: "CVRenderTests", dependencies: ["CVRender", "CVDocument", "CVTestRandom"], exclude: ["Fixtures"]),
        .target(name: "CVTestSupport", dependencies: ["CVBuildCLI"], path: "Tests/CVTestSupport"),
        .testTarget(name: "CVBuildKitTests", dependencies: ["CVBuildKit", "CVBuildCLI", "CVTestSupport", "CVTestRandom", "ExampleCVs"]),
        .testTarget(name: "CVBuildCLITests", dependencies: ["CVBuildCLI", "CVBuildKit", "CVTestSupport"]),
    ]
)
