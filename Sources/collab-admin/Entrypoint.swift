import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabMain.main(CollabAdmin.self) }
}
