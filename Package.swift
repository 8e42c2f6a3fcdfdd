// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "scicollab",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "SciCollab", targets: ["SciCollab"]),
        .executable(name: "scicollab", targets: ["scicollab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(
            name: "SciCollab",
            dependencies: ["CSQLite", "CLibXML2", "CZlib", "CCrypto", "CXlsxWriter", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "scicollab",
            dependencies: [
                "SciCollab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "scicollab-fuzz",
            dependencies: ["SciCollab"]
        ),
        .testTarget(
            name: "SciCollabTests",
            dependencies: ["SciCollab"],
            exclude: ["Expected"]
        ),
        .testTarget(
            name: "scicollabTests",
            dependencies: ["scicollab"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
