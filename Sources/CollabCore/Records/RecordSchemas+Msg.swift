extension RecordSchemas {
    /// The record types of collab-msg.
    static let msgTypes: [RecordType] = [
        RecordType(name: "channel", description: "A channel (a space): public, private, or a direct conversation.", fields: [
            f("id", slug, required: true, "The channel's slug (dm-… for a direct conversation)."),
            f("title", string, required: true, "The title."),
            f("topic", string, "What the channel is about."),
            f("visibility", oneOf(Visibility.allCases.map(\.rawValue)), required: true, "public, private or direct."),
            f("owner", slug, "Who created it (absent for a direct conversation)."),
            f("members", strings, "Users who joined or were invited."),
            f("archived", boolean, required: true, "Archived channels are read-only."),
        ] + mutable),
        RecordType(name: "message", description: "A message posted in a channel; a reply belongs to a thread.", fields: [
            f("id", string, required: true, "msg-N."),
            f("channel", slug, required: true, "The channel."),
            f("author", slug, required: true, "Who posted it."),
            f("ts", time, required: true, "When it was posted."),
            f("body", string, "The text (absent once deleted)."),
            f("thread", string, "The id of the thread's root message, for a reply."),
            f("mentions", strings, "Users and groups named with @."),
            f("attachments", strings, "Linked documents (doc-N)."),
            f("edited", time, "When it was last edited."),
            f("deleted", time, "When it was deleted (a tombstone)."),
            f("snippet", string, "In search results: the matching words in context, marked [like this]."),
            f("reason", oneOf(["mention", "direct"]), "In the inbox: why the message is there."),
        ] + mutable),
        RecordType(name: "cursor", description: "Where a user stopped reading a channel.", fields: [
            f("id", string, required: true, "CHANNEL:USER."),
            f("channel", slug, required: true, "The channel."),
            f("user", slug, required: true, "The reader."),
            f("last_read", string, required: true, "The last message read (msg-N)."),
            f("updated", time, required: true, "When it moved."),
        ]),
        RecordType(name: "unread", description: "How many messages of a channel the acting user has not read.", fields: [
            f("id", slug, required: true, "The channel."),
            f("channel", slug, required: true, "The channel."),
            f("visibility", oneOf(Visibility.allCases.map(\.rawValue)), required: true, "public, private or direct."),
            f("unread", integer, required: true, "Messages of others after the read cursor."),
            f("mentions", integer, required: true, "Of those, how many mention the user or a group of theirs."),
            f("last_read", string, "The last message read (msg-N)."),
        ]),
    ]
}
