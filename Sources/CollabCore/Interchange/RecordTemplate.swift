internal import Mustache

/// A Mustache template that turns an input record into text: the messages of `collab-msg
/// post --from`, and the per-record options of verbs that read records with `--from`
/// (`--key 'welcome:{{id}}'`). The same Mustache and escapes as `--template` output.
package struct RecordTemplate {
    private let template: MustacheTemplate

    /// Compiles `text` (`\n` and `\t` understood); a bad template is a usage error.
    package init(_ text: String) throws {
        do {
            template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + RecordWriter.unescape(text))
        } catch {
            throw CollabError(.usage, "invalid template '\(text)': check that every {{tag}}, {{#section}} and {{/section}} is closed")
        }
    }

    /// The text for one record, without a trailing newline.
    package func render(_ record: JSONObject) -> String {
        var s = template.render(RecordWriter.context(record))
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
