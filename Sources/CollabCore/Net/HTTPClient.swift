internal import CSystemLibraries

/// An HTTP answer: the status and the body.
package struct HTTPResponse: Sendable {
    /// The status code (200, 404 …).
    package var status: Int
    /// The body's bytes.
    package var body: [UInt8]

    /// Whether the status is 2xx.
    package var isSuccess: Bool { (200..<300).contains(status) }
}

/// The one HTTP client (over libcurl), for webhooks and remote calendars. A request that
/// cannot reach its server (refused, timed out, bad TLS, unknown host) is exit 69; an
/// answer of any status is a response.
package enum HTTPClient {
    /// Largest body kept from an answer (a remote calendar is small; a webhook's answer
    /// is ignored).
    package static let maxBody = 64 << 20

    private final class Buffer {
        var bytes: [UInt8] = []
        var overflow = false
    }

    /// Sends one request. `timeout` covers the whole exchange, in seconds.
    package static func request(
        _ method: String, _ url: String, headers: [String] = [], body: [UInt8]? = nil, timeout: Double = 10
    ) throws -> HTTPResponse {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw CollabError.invalid("url", url, "expected an http:// or https:// address")
        }
        try initialize()
        guard let h = curl_easy_init() else { throw CollabError(.internal, "libcurl could not start a request") }
        defer { curl_easy_cleanup(h) }
        let buffer = Buffer()
        let box = Unmanaged.passRetained(buffer)
        defer { box.release() }
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        for header in headers { list = curl_slist_append(list, header) }

        ccurl_setopt_string(h, CURLOPT_URL, url)
        ccurl_setopt_string(h, CURLOPT_CUSTOMREQUEST, method)
        ccurl_setopt_long(h, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1)
        ccurl_setopt_long(h, CURLOPT_MAXREDIRS, 5)
        ccurl_setopt_long(h, CURLOPT_TIMEOUT_MS, max(1, Int(timeout * 1000)))
        ccurl_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(timeout, 10) * 1000)))
        ccurl_setopt_string(h, CURLOPT_USERAGENT, "collab")
        ccurl_setopt_string(h, CURLOPT_ACCEPT_ENCODING, "")
        if let list { ccurl_setopt_slist(h, CURLOPT_HTTPHEADER, list) }
        ccurl_setopt_write(h) { data, size, count, user in
            let buffer = Unmanaged<Buffer>.fromOpaque(user!).takeUnretainedValue()
            let n = size * count
            if buffer.bytes.count + n > HTTPClient.maxBody {
                buffer.overflow = true
                return 0
            }
            data!.withMemoryRebound(to: UInt8.self, capacity: n) { buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
            return n
        }
        ccurl_setopt_pointer(h, CURLOPT_WRITEDATA, box.toOpaque())

        let rc: CURLcode = if let body {
            body.withUnsafeBufferPointer { p in
                ccurl_setopt_long(h, CURLOPT_POSTFIELDSIZE, p.count)
                ccurl_setopt_pointer(h, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: p.baseAddress ?? UnsafePointer(bitPattern: 1)!))
                return curl_easy_perform(h)
            }
        } else {
            curl_easy_perform(h)
        }
        if buffer.overflow { throw CollabError(.io, "\(url): the answer is larger than \(maxBody >> 20) MiB") }
        guard rc == CURLE_OK else {
            let why = String(cString: curl_easy_strerror(rc))
            throw CollabError(.unavailable, "\(url) is unreachable: \(why)")
        }
        var status = 0
        ccurl_response_code(h, &status)
        return HTTPResponse(status: status, body: buffer.bytes)
    }

    /// GET `url`; a status other than 2xx is exit 69, naming it.
    package static func get(_ url: String, timeout: Double = 30) throws -> [UInt8] {
        let r = try request("GET", url, timeout: timeout)
        guard r.isSuccess else { throw CollabError(.unavailable, "\(url) answered HTTP \(r.status)") }
        return r.body
    }

    nonisolated(unsafe) private static var initialized = false

    /// Opens and initialises libcurl (once): a machine without it is a configuration
    /// error (exit 78). `request` calls it; a command that would record a failed attempt
    /// per request calls it first, so that a missing library is not taken for a peer's
    /// failure.
    package static func initialize() throws {
        if initialized { return }
        // libcurl is opened on first use rather than linked (see CSystemLibraries.h).
        if let why = collab_libcurl_load() {
            throw CollabError(.config, "cannot send HTTP requests: \(String(cString: why)); install Debian's libcurl4")
        }
        guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else {
            throw CollabError(.internal, "libcurl could not be initialised")
        }
        initialized = true
    }
}
