// swift-tools-version:6.0
import PackageDescription

// collab: five command-line programs over one core library.
// CollabCore (no ArgumentParser) <- CollabCLI <- the five executables.
let package = Package(
    name: "collab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "collab-admin", targets: ["collab-admin"]),
        .executable(name: "collab-msg", targets: ["collab-msg"]),
        .executable(name: "collab-task", targets: ["collab-task"]),
        .executable(name: "collab-doc", targets: ["collab-doc"]),
        .executable(name: "collab-cal", targets: ["collab-cal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libcurl (Debian's libcurl4-openssl-dev), for webhooks and remote calendars, and
        // libpq (Debian's libpq-dev), the client of the shared PostgreSQL store: both loaded
        // on first use (dlopen), so that a command that needs neither does not pay for them.
        .target(name: "CSystemLibraries"),
        // zlib (Debian's zlib1g-dev), for gzip-compressed backups.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "CollabCore",
            dependencies: [
                "CSystemLibraries",
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The system SQLite's C API, for the narrow layer's statement stepping.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "CollabCLI",
            dependencies: [
                "CollabCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "collab-admin", dependencies: ["CollabCLI"]),
        .executableTarget(name: "collab-msg", dependencies: ["CollabCLI"]),
        .executableTarget(name: "collab-task", dependencies: ["CollabCLI"]),
        .executableTarget(name: "collab-doc", dependencies: ["CollabCLI"]),
        .executableTarget(name: "collab-cal", dependencies: ["CollabCLI"]),
        .target(name: "_CollabTestSupport", dependencies: ["CollabCore", "CollabCLI"]),
        .testTarget(name: "CollabCoreTests", dependencies: ["CollabCore", "_CollabTestSupport"]),
        .testTarget(
            name: "CollabCLITests",
            dependencies: [
                "CollabCLI", "_CollabTestSupport",
                // The end-to-end tests run the built programs: build them first.
                "collab-admin", "collab-msg", "collab-task", "collab-doc", "collab-cal",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
