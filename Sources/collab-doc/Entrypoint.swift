import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabDoc.main() }
}
