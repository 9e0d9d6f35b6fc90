import CollabCLI

@main
enum Entrypoint {
    static func main() { CollabCal.main() }
}
