/// A JSON value whose objects keep their keys in insertion order, so records print with
/// `type` and `id` first and fields in a stable order.
package enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string inside, if this is a string.
    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer inside, if this is an integer (or a double with no fraction).
    package var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return Int64(d)
        default: return nil
        }
    }

    /// The boolean inside, if this is a boolean.
    package var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The array inside, if this is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object inside, if this is an object.
    package var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// A name for the kind of value, for error messages.
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The value as text for a table or CSV cell: strings bare, arrays joined by commas,
    /// objects as compact JSON.
    package var cellText: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double: return JSONWriter.compact(self)
        case .string(let s): return s
        case .array(let a): return a.map(\.cellText).joined(separator: ",")
        case .object: return JSONWriter.compact(self)
        }
    }
}

/// A JSON object with ordered keys. Records are small, so lookups scan.
package struct JSONObject: Equatable, Sendable, Sequence {
    package private(set) var keys: [String] = []
    package private(set) var values: [JSONValue] = []

    /// An empty object.
    package init() {}

    /// An object from ordered pairs; a later duplicate key replaces the earlier value.
    package init(_ pairs: [(String, JSONValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    /// The value for a key; setting nil removes the key.
    package subscript(key: String) -> JSONValue? {
        get {
            guard let i = keys.firstIndex(of: key) else { return nil }
            return values[i]
        }
        set {
            if let i = keys.firstIndex(of: key) {
                if let newValue { values[i] = newValue } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// The number of keys.
    package var count: Int { keys.count }

    /// Iterates key/value pairs in order.
    package func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        var i = 0
        let keys = keys, values = values
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], values[i])
        }
    }

    /// Sets a string field, or leaves it out when nil (absent optional fields are omitted).
    package mutating func set(_ key: String, _ value: String?) {
        self[key] = value.map(JSONValue.string)
    }

    /// Sets an integer field, or leaves it out when nil.
    package mutating func set(_ key: String, _ value: Int64?) {
        self[key] = value.map(JSONValue.int)
    }

    /// Sets a boolean field, or leaves it out when nil.
    package mutating func set(_ key: String, _ value: Bool?) {
        self[key] = value.map(JSONValue.bool)
    }

    /// Sets an array of strings.
    package mutating func set(_ key: String, _ value: [String]) {
        self[key] = .array(value.map(JSONValue.string))
    }

    /// The object with only these keys, in this order (for `--fields`).
    package func selecting(_ fields: [String]) -> JSONObject {
        var out = JSONObject()
        for f in fields { if let v = self[f] { out[f] = v } }
        return out
    }
}
