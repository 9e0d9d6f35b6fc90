import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabMsg.main() }
}
