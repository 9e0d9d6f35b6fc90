import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabTask.main() }
}
