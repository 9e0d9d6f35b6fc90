import ArgumentParser

/// `collab-doc`: Documents, versions and validation circuits.
package struct CollabDoc: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "collab-doc",
        abstract: "Documents, versions and validation circuits.",
        discussion: "This program's verbs are not available yet in this version; see collab(7) for the toolkit.",
        version: CommandRunner.version,
        subcommands: []
    )

    package init() {}
}
