/// A unified diff of two texts, line by line (Myers' algorithm, 3 lines of context), as
/// `diff -u` prints it.
package enum UnifiedDiff {
    /// Beyond this many differing lines the changed middle is shown as replaced whole.
    static let maxEdits = 4000

    enum Op { case keep, delete, insert }

    /// The lines of the diff (without newlines); empty when the texts are equal.
    package static func lines(_ a: String, _ b: String, from: String, to: String, context: Int = 3) -> [String] {
        let x = split(a), y = split(b)
        let script = edits(x, y)
        guard script.contains(where: { $0 != .keep }) else { return [] }
        var out = ["--- \(from)", "+++ \(to)"]
        // Positions in x and y for each step of the script.
        var steps: [(op: Op, i: Int, j: Int)] = []
        var i = 0, j = 0
        for op in script {
            steps.append((op, i, j))
            switch op {
            case .keep: i += 1; j += 1
            case .delete: i += 1
            case .insert: j += 1
            }
        }
        var k = 0
        while k < steps.count {
            guard steps[k].op != .keep else { k += 1; continue }
            // A hunk: from `context` keeps before the change to `context` keeps after the last
            // change that is not separated from the next by more than 2 * context keeps.
            let start = max(0, k - context)
            var end = k
            var keeps = 0
            var m = k
            while m < steps.count {
                if steps[m].op == .keep {
                    keeps += 1
                    if keeps > 2 * context { break }
                } else {
                    keeps = 0
                    end = m
                }
                m += 1
            }
            let stop = min(steps.count, end + context + 1)
            let hunk = steps[start..<stop]
            let aStart = hunk.first!.i, bStart = hunk.first!.j
            let aCount = hunk.filter { $0.op != .insert }.count, bCount = hunk.filter { $0.op != .delete }.count
            out.append("@@ -\(range(aStart, aCount)) +\(range(bStart, bCount)) @@")
            for s in hunk {
                switch s.op {
                case .keep: out.append(" " + x[s.i])
                case .delete: out.append("-" + x[s.i])
                case .insert: out.append("+" + y[s.j])
                }
            }
            k = stop
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        let first = count == 0 ? start : start + 1
        return count == 1 ? "\(first)" : "\(first),\(count)"
    }

    static func split(_ s: String) -> [String] {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The shortest edit script from x to y.
    static func edits(_ x: [String], _ y: [String]) -> [Op] {
        var prefix = 0
        while prefix < x.count && prefix < y.count && x[prefix] == y[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < x.count - prefix && suffix < y.count - prefix && x[x.count - 1 - suffix] == y[y.count - 1 - suffix] {
            suffix += 1
        }
        let a = Array(x[prefix..<(x.count - suffix)]), b = Array(y[prefix..<(y.count - suffix)])
        let middle = myers(a, b) ?? (Array(repeating: Op.delete, count: a.count) + Array(repeating: Op.insert, count: b.count))
        return Array(repeating: .keep, count: prefix) + middle + Array(repeating: .keep, count: suffix)
    }

    /// Myers' O(ND) algorithm keeping each round's frontier; nil past `maxEdits`.
    static func myers(_ a: [String], _ b: [String]) -> [Op]? {
        let n = a.count, m = b.count
        if n == 0 { return Array(repeating: .insert, count: m) }
        if m == 0 { return Array(repeating: .delete, count: n) }
        let ha = a.map { $0.hashValue }, hb = b.map { $0.hashValue }
        func same(_ i: Int, _ j: Int) -> Bool { ha[i] == hb[j] && a[i] == b[j] }
        let maxD = min(n + m, maxEdits)
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        let off = maxD + 1
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...maxD {
            trace.append(Array(v[(off - d - 1)...(off + d + 1)]))
            for k in stride(from: -d, through: d, by: 2) {
                var xx: Int
                if k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) { xx = v[off + k + 1] } else { xx = v[off + k - 1] + 1 }
                var yy = xx - k
                while xx < n && yy < m && same(xx, yy) { xx += 1; yy += 1 }
                v[off + k] = xx
                if xx >= n && yy >= m { found = true; break outer }
            }
        }
        guard found else { return nil }
        // Walk back through the saved frontiers.
        var ops: [Op] = []
        var xx = n, yy = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let saved = trace[d]
            func vAt(_ k: Int) -> Int { saved[k + d + 1] }
            let k = xx - yy
            let prevK = (k == -d || (k != d && vAt(k - 1) < vAt(k + 1))) ? k + 1 : k - 1
            let prevX = d == 0 ? 0 : vAt(prevK)
            let prevY = prevX - prevK
            while xx > prevX && yy > prevY { ops.append(.keep); xx -= 1; yy -= 1 }
            if d > 0 { ops.append(xx == prevX ? .insert : .delete) }
            xx = prevX
            yy = prevY
        }
        return ops.reversed()
    }
}
