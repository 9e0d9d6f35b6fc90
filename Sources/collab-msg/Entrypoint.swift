import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabMain.main(CollabMsg.self) }
}
