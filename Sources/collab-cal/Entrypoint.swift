import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabMain.main(CollabCal.self) }
}
