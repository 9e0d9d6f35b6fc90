/// Whether a project takes new work.
package enum ProjectStatus: String, Sendable, CaseIterable {
    case active, archived
}

/// A project: a space (SPEC §7) that holds tasks.
package struct Project: Equatable, Sendable {
    package var id: String
    package var title: String
    package var description: String?
    package var owner: String
    package var group: String?
    package var visibility: Visibility
    package var status: ProjectStatus
    package var due: String?
    package var rev: Int64
    package var created: String
    package var updated: String
    /// The access list, loaded with the project.
    package var acl: [AccessEntry] = []

    /// The project as a space, for access checks. Members of the administration may add
    /// and change tasks in a public project; its access list gives the rest.
    package var space: Space { Space(type: "project", id: id, visibility: visibility, owner: owner) }

    /// The `project` record.
    package var record: JSONObject {
        var o = JSONObject()
        o["type"] = .string("project")
        o["id"] = .string(id)
        o["title"] = .string(title)
        o.set("description", description)
        o["owner"] = .string(owner)
        o.set("group", group)
        o["visibility"] = .string(visibility.rawValue)
        o["status"] = .string(status.rawValue)
        o.set("due", due)
        o.set("members", acl.map { e -> String in
            switch e.principal {
            case .user(let u): u
            case .group(let g): "group:" + g
            }
        })
        if !acl.isEmpty { o["acl"] = .array(acl.map(\.json)) }
        o["rev"] = .int(rev)
        o["created"] = .string(created)
        o["updated"] = .string(updated)
        return o
    }

    static let columns = "id, title, description, owner, group_id, visibility, status, due, rev, created, updated"
    static let prefixedColumns = "p.id, p.title, p.description, p.owner, p.group_id, p.visibility, p.status, p.due, p.rev, p.created, p.updated"

    init(_ r: Row) {
        id = r.string(0)
        title = r.string(1)
        description = r.optString(2)
        owner = r.string(3)
        group = r.optString(4)
        visibility = Visibility(rawValue: r.string(5)) ?? .private
        status = ProjectStatus(rawValue: r.string(6)) ?? .active
        due = r.optString(7)
        rev = r.int(8)
        created = r.string(9)
        updated = r.string(10)
    }

    package init(id: String, title: String, owner: String, visibility: Visibility, now: String) {
        self.id = id
        self.title = title
        self.owner = owner
        self.visibility = visibility
        self.status = .active
        self.rev = 1
        self.created = now
        self.updated = now
    }
}

/// What `project add` and `project update` set; nil leaves a field as it is, and an empty
/// text clears an optional one.
package struct ProjectSpec: Sendable {
    package var title: String?
    package var description: String?
    package var group: String?
    package var visibility: Visibility?
    package var status: ProjectStatus?
    package var due: String?
    package var owner: String?

    package init() {}
}
