import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabAdmin.main() }
}
