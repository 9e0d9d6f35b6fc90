extension Stats {
    /// Lead time and lateness of one project or service.
    struct TaskFigures {
        var leadTimes: [Int64] = []
        var due: Int64 = 0
        var overdue: Int64 = 0
    }

    /// Per project, then per service (the groups of the assignee): tasks done in the
    /// window with their lead time (created → done_at: median and 90th percentile), and,
    /// of the tasks due in the window and already due (cancelled ones left out), how many
    /// were overdue (done after their due time, or still open).
    static func tasks(_ sql: SQL, _ w: Window, _ members: Set<String>?, _ emit: (JSONObject) throws -> Void) throws {
        var groupsOf: [String: [String]] = [:]
        try sql.each("SELECT user_id, group_id FROM group_members ORDER BY group_id") { r in
            groupsOf[r.string(0), default: []].append(r.string(1))
            return true
        }
        var byProject: [String: TaskFigures] = [:]
        var byService: [String: TaskFigures] = [:]
        let dueLimit = min(w.to, w.now)
        try sql.each(
            """
            SELECT project, assignee, status, created, done_at, due FROM tasks
            WHERE status <> 'cancelled' AND ((done_at >= ? AND done_at < ?) OR (due >= ? AND due < ?))
            """,
            [.text(w.fromText), .text(w.toText), .text(w.fromText), .text(w.toText)]
        ) { r in
            let assignee = r.optString(1)
            if let members, !(assignee.map(members.contains) ?? false) { return true }
            var lead: Int64?
            if r.string(2) == "done", let created = RFC3339.parse(r.string(3)), let done = r.optString(4).flatMap(RFC3339.parse),
               done >= w.from && done < w.to
            {
                lead = done.seconds - created.seconds
            }
            var counted = false, late = false
            if let due = r.optString(5).flatMap(RFC3339.parse), due >= w.from && due < dueLimit {
                counted = true
                let done = r.optString(4).flatMap(RFC3339.parse)
                late = r.string(2) == "done" ? (done.map { $0 > due } ?? false) : true
            }
            func add(_ f: inout TaskFigures) {
                if let lead { f.leadTimes.append(lead) }
                if counted { f.due += 1 }
                if late { f.overdue += 1 }
            }
            if let p = r.optString(0) { add(&byProject[p, default: TaskFigures()]) }
            for g in assignee.flatMap({ groupsOf[$0] }) ?? [] where members == nil || g == w.group {
                add(&byService[g, default: TaskFigures()])
            }
            return true
        }
        for (dimension, figures) in [("project", byProject), ("service", byService)] {
            for (key, f) in figures.sorted(by: { $0.key < $1.key }) {
                var values: [(String, JSONValue)] = [("count", .int(Int64(f.leadTimes.count)))]
                if let m = medianAndP90(f.leadTimes) { values += [("median", duration(m.median)), ("p90", duration(m.p90))] }
                values += [("due", .int(f.due)), ("overdue", .int(f.overdue))]
                if f.due > 0 { values.append(("overdue_ratio", .double(rounded(Double(f.overdue) / Double(f.due))))) }
                try emit(stat("tasks", [(dimension, .string(key))], values))
            }
        }
    }

    /// Per circuit step number and kind: how long the steps decided in the window took,
    /// from the step's start (the circuit's start for step 1, else the last decision of the
    /// step before) to its last decision (undone decisions left out).
    static func circuitSteps(_ sql: SQL, _ w: Window, _ emit: (JSONObject) throws -> Void) throws {
        var durations: [String: (n: Int64, kind: String, values: [Int64])] = [:]
        let lastDecision = "SELECT max(d.ts) FROM decisions d WHERE d.circuit = s.circuit AND d.undone IS NULL AND d.action <> 'undo' AND d.step = "
        try sql.each(
            """
            SELECT s.n, s.kind, c.created, (\(lastDecision)s.n), (\(lastDecision)s.n - 1)
            FROM circuit_steps s JOIN circuits c ON c.id = s.circuit WHERE s.state IN ('done', 'rejected')
            """
        ) { r in
            guard let decided = r.optString(3).flatMap(RFC3339.parse), decided >= w.from && decided < w.to else { return true }
            let n = r.int(0)
            let startText = n == 1 ? r.string(2) : (r.optString(4) ?? r.string(2))
            guard let started = RFC3339.parse(startText) else { return true }
            let key = "\(n):\(r.string(1))"
            durations[key, default: (n, r.string(1), [])].values.append(max(0, decided.seconds - started.seconds))
            return true
        }
        for (_, d) in durations.sorted(by: { ($0.value.n, $0.value.kind) < ($1.value.n, $1.value.kind) }) {
            let m = medianAndP90(d.values)!
            try emit(stat(
                "circuit_step", [("step", .int(d.n)), ("kind", .string(d.kind))],
                [("count", .int(Int64(d.values.count))), ("median", duration(m.median)), ("p90", duration(m.p90))]))
        }
    }

    /// Per person: hours of meetings in the window (the part of each occurrence inside it),
    /// counting events they organise and those they accepted; recurring events expanded,
    /// all-day and cancelled ones left out.
    static func meetingHours(_ sql: SQL, _ actor: Actor, _ w: Window, _ members: Set<String>?, _ emit: (JSONObject) throws -> Void) throws {
        var seconds: [String: Int64] = [:]
        var meetings: [String: Int64] = [:]
        try Cal.agenda(sql, actor, AgendaFilter(from: w.from, to: w.to)) { o in
            guard !o.event.allDay else { return true }
            let length = min(o.end, w.to).seconds - max(o.start, w.from).seconds
            guard length > 0 else { return true }
            var people = Set(o.attendees.filter { $0.status == .accepted }.map(\.user))
            people.insert(o.event.organizer)
            for p in people where members?.contains(p) ?? true {
                seconds[p, default: 0] += length
                meetings[p, default: 0] += 1
            }
            return true
        }
        for (user, s) in seconds.sorted(by: { $0.key < $1.key }) {
            try emit(stat(
                "meeting_hours", [("user", .string(user))],
                [("count", .int(meetings[user] ?? 0)), ("hours", .double(rounded(Double(s) / 3600)))]))
        }
    }

    /// How many distinct users wrote anything (a change in the audit log) in the window.
    static func activeUsers(_ sql: SQL, _ w: Window, _ members: Set<String>?, _ emit: (JSONObject) throws -> Void) throws {
        var count: Int64 = 0
        try sql.each(
            "SELECT DISTINCT actor FROM changes WHERE ts >= ? AND ts < ? AND actor <> 'system'", [.text(w.fromText), .text(w.toText)]
        ) { r in
            if members?.contains(r.string(0)) ?? true { count += 1 }
            return true
        }
        var dims: [(String, JSONValue)] = []
        if let g = w.group { dims.append(("service", .string(g))) }
        try emit(stat("active_users", dims, [("count", .int(count))]))
    }

    static func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
